import type { Logger } from '../log';
import type { RunningServer } from './start-server';

/** Single stop of the process: the server stops once, whichever stop trigger comes first. */
export interface Shutdown {
  /** Registers the started server, and stops it at once when a stop was requested during start. */
  attach(running: RunningServer): void;
  /**
   * Stops the server, then exits with `exitCode`. With `deadlineMs`, exits with `exitCode` by
   * then even when the stop has not finished. Later calls are ignored.
   */
  request(exitCode: number, options?: { deadlineMs?: number }): void;
}

/**
 * Creates the process's shutdown. A stop requested before `attach` waits for the start to finish,
 * so that an embedded database started meanwhile is stopped in order too.
 */
export function createShutdown(log: Logger): Shutdown {
  let running: RunningServer | undefined;
  let requestedExitCode: number | undefined;

  const stopAndExit = (server: RunningServer, exitCode: number) => {
    server.stop().then(
      () => process.exit(exitCode),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };

  return {
    attach(server) {
      running = server;
      if (requestedExitCode !== undefined) stopAndExit(server, requestedExitCode);
    },
    request(exitCode, { deadlineMs } = {}) {
      if (requestedExitCode !== undefined) return;

      requestedExitCode = exitCode;
      if (deadlineMs !== undefined) exitAfter(deadlineMs, exitCode, log);
      if (running) stopAndExit(running, exitCode);
    },
  };
}

function exitAfter(deadlineMs: number, exitCode: number, log: Logger): void {
  setTimeout(() => {
    log.warn({ deadlineMs }, 'shutdown did not finish in time, exiting anyway');
    process.exit(exitCode);
  }, deadlineMs).unref();
}
