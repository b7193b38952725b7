import { spawn } from 'node:child_process';

import type { Logger } from '../log';

/**
 * Waits for the end of its input, then sends SIGTERM to the process in `$1`. Its stdin is a pipe
 * whose only writer is this process (libuv opens pipes close-on-exec, so no other child inherits
 * it), and the kernel closes that pipe when this process exits in any way, SIGKILL included.
 */
const WATCHDOG_SCRIPT = 'read -r _; kill -TERM "$1" 2>/dev/null';

/** A watchdog process started by {@link startOwnerWatchdog}. */
export interface OwnerWatchdog {
  /** Ends the watchdog without signalling its target. Call it before or after the target exits. */
  stop(): void;
}

/**
 * Starts a small `sh` process that stops process `pid` as soon as this process exits, so that a
 * server started by this process does not outlive it after a crash or `kill -9`.
 *
 * When `sh` cannot be started, a warning is logged and the server then outlives a crash; the next
 * start stops such an orphan.
 */
export function startOwnerWatchdog(pid: number, log: Logger): OwnerWatchdog {
  const watchdog = spawn('sh', ['-c', WATCHDOG_SCRIPT, 'ces-bot-watchdog', String(pid)], {
    // A session of its own, so that a Ctrl-C or hangup of the terminal does not end it early.
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.once('error', (error) => {
    log.warn({ err: error, pid }, 'watchdog not started: the server outlives a crash of ces-bot');
  });
  // Neither the watchdog nor its pipe may keep this process running.
  watchdog.unref();

  return {
    stop() {
      // SIGKILL first: closing the pipe while the watchdog lives would make it signal `pid`.
      watchdog.kill('SIGKILL');
      watchdog.stdin?.destroy();
    },
  };
}
