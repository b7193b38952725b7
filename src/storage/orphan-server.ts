import { StorageError } from '../errors';
import type { Logger } from '../log';
import { isProcessAlive, readCommandLine, type ServerRecord } from './server-record';

/** Time a server gets to exit after SIGTERM before SIGKILL, as for servers this process stops. */
const STOP_GRACE_MS = 10_000;
/** Bound on waiting for the process to vanish after SIGKILL. */
const KILL_WAIT_MS = 5_000;
const POLL_MS = 100;

/**
 * Returns whether the recorded server was started by a ces-bot process that has exited, so that
 * no process will stop it. A record without `ownerPid`, written by an older ces-bot, is never
 * orphaned.
 *
 * NOTE: when the owner's pid now belongs to another process, the orphan looks owned and is reused.
 */
export function isOrphaned(record: ServerRecord): boolean {
  return record.ownerPid !== undefined && !isProcessAlive(record.ownerPid);
}

/**
 * Stops a server whose owner has exited: SIGTERM, then SIGKILL after a grace period. Each signal
 * is sent only while /proc/<pid>/cmdline names the server's kind, so that a pid now used by
 * another program is never signalled. Resolves at once when the server has already exited.
 *
 * @throws StorageError when the command line cannot be read (no /proc, as on macOS) or the
 *   process still runs after SIGKILL.
 */
export async function stopOrphanedServer(
  record: ServerRecord,
  dataDir: string,
  log: Logger,
): Promise<void> {
  const { kind, pid, ownerPid } = record;
  log.warn(
    { kind, pid, ownerPid, dataDir },
    'stopping embedded database server left by a process that exited',
  );
  if (!signalServer(record, 'SIGTERM', dataDir) || (await waitUntilGone(pid, STOP_GRACE_MS))) {
    return;
  }

  log.warn({ kind, pid, graceMs: STOP_GRACE_MS }, 'embedded database server ignored SIGTERM');
  if (!signalServer(record, 'SIGKILL', dataDir) || (await waitUntilGone(pid, KILL_WAIT_MS))) {
    return;
  }
  throw new StorageError(
    `the ${kind} server (pid ${pid}) recorded in ${dataDir}/embedded-server.json still runs ` +
      'after SIGKILL: stop that process, then start again',
  );
}

/** Sends `signal` when the pid still runs the server, and returns whether it was sent. */
function signalServer(record: ServerRecord, signal: NodeJS.Signals, dataDir: string): boolean {
  if (!isProcessAlive(record.pid)) return false;

  const commandLine = readCommandLine(record.pid);
  if (commandLine === undefined) {
    throw new StorageError(
      `the ${record.kind} server (pid ${record.pid}) recorded in ${dataDir}/embedded-server.json ` +
        `was started by process ${record.ownerPid}, which has exited, and its command line ` +
        `cannot be read to confirm the pid: stop that process if it is ${record.kind}, or delete ` +
        'the file, then start again',
    );
  }
  if (!commandLine.includes(record.kind)) return false;

  try {
    process.kill(record.pid, signal);
    return true;
  } catch (error) {
    // ESRCH: the process exited between the check and the signal.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw new StorageError(
      `sending ${signal} to the ${record.kind} server (pid ${record.pid}) recorded in ` +
        `${dataDir}/embedded-server.json failed (${(error as Error).message}): stop that ` +
        'process, then start again',
      error,
    );
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}
