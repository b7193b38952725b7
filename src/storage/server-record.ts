import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { StorageError } from '../errors';
import type { Logger } from '../log';

/** The embedded server a ces-bot process runs on a data folder, for other processes to reuse. */
export interface ServerRecord {
  uri: string;
  /** Process id of the server itself (mongod or ferretdb), not of the process that started it. */
  pid: number;
  kind: 'mongod' | 'ferretdb';
  /** Process id of the ces-bot process that started the server. Older records lack it. */
  ownerPid?: number;
}

const RECORD_FILE = 'embedded-server.json';
const LOCK_FILE = 'embedded-server.lock';

/** Bound on waiting for another process to start the server. A first FerretDB build takes 2 min. */
const LOCK_WAIT_MS = 5 * 60_000;
const LOCK_POLL_MS = 250;

/** Returns the record in `dataDir`, or undefined when there is none or it cannot be parsed. */
export function readServerRecord(dataDir: string): ServerRecord | undefined {
  try {
    const record = JSON.parse(
      readFileSync(join(dataDir, RECORD_FILE), 'utf8'),
    ) as Partial<ServerRecord>;
    const valid =
      typeof record.uri === 'string' &&
      Number.isInteger(record.pid) &&
      (record.kind === 'mongod' || record.kind === 'ferretdb') &&
      (record.ownerPid === undefined || Number.isInteger(record.ownerPid));
    return valid ? (record as ServerRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the record through a rename, so readers never see half a file. */
export function writeServerRecord(dataDir: string, record: ServerRecord): void {
  const file = join(dataDir, RECORD_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record)}\n`);
  renameSync(temporary, file);
}

/** Removes the record when it still names the server `pid`, leaving a newer one in place. */
export function removeServerRecord(dataDir: string, pid: number): void {
  if (readServerRecord(dataDir)?.pid === pid) rmSync(join(dataDir, RECORD_FILE), { force: true });
}

/**
 * Returns whether the recorded server process still runs. On Linux the process's command line
 * must also name the server, because after a reboot its pid may belong to an unrelated process.
 */
export function isServerProcessRunning(record: ServerRecord): boolean {
  if (!isProcessAlive(record.pid)) return false;

  const commandLine = readCommandLine(record.pid);
  return commandLine === undefined || commandLine.includes(record.kind);
}

/**
 * Returns whether a process with this id runs: it exists (signal 0 checks without sending anything)
 * and is not a zombie, which has exited and waits for its parent to reap it. Some init processes
 * never reap orphans, so their zombies linger.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Returns whether /proc/<pid>/stat shows state Z. Without /proc, as on macOS, returns false. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state follows the command name, which is in parentheses and may contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Reads /proc/<pid>/cmdline, or returns undefined where /proc is missing, as on macOS. */
export function readCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/**
 * Runs `start` while holding `<dataDir>/embedded-server.lock`, so only one process at a time starts
 * a server on the folder. Waits while a live process holds the lock, and takes over a lock whose
 * holder has exited.
 *
 * NOTE: two processes that find the same stale lock at the same moment can both take it over.
 */
export async function withStartLock<T>(
  dataDir: string,
  log: Logger,
  start: () => Promise<T>,
): Promise<T> {
  const lock = join(dataDir, LOCK_FILE);
  const deadline = Date.now() + LOCK_WAIT_MS;

  while (!tryCreateLock(lock)) {
    const holder = readLockHolder(lock);
    if (holder !== undefined && !isProcessAlive(holder)) {
      log.info({ lock, holder }, 'removing lock left by a process that exited');
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new StorageError(
        `timed out waiting for process ${holder ?? '(unknown)'} to start the database server ` +
          `on ${dataDir}: if no ces-bot process uses that folder, delete ${lock}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }

  try {
    return await start();
  } finally {
    rmSync(lock, { force: true });
  }
}

function tryCreateLock(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readLockHolder(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
