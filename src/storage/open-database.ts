import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import mongoose from 'mongoose';

import type { Env } from '../config/env';
import { StorageError } from '../errors';
import type { Logger } from '../log';
import { connectDatabase, disconnectDatabase } from './connect';
import {
  startEmbeddedServer,
  type EmbeddedServer,
  type EmbeddedServerOptions,
} from './embedded-server';
import { isOrphaned, stopOrphanedServer } from './orphan-server';
import { pingServer } from './ping';
import {
  isServerProcessRunning,
  readServerRecord,
  removeServerRecord,
  withStartLock,
  writeServerRecord,
} from './server-record';
import { watchConnectionDown } from './watch-connection';

/** The database a process works on, connected through the default mongoose connection. */
export interface OpenedDatabase {
  uri: string;
  /** `external` when MONGODB_URI is set, else the kind of embedded server. */
  kind: 'external' | 'mongod' | 'ferretdb';
  /** Disconnects, and stops the embedded server if this process started it. Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  env: { MONGODB_URI?: string; DATA_DIR: Env['DATA_DIR'] };
  log: Logger;
  /** Passed to startEmbeddedServer when this process starts the server. */
  embedded?: Pick<EmbeddedServerOptions, 'downloadMongod' | 'downloadTimeoutMs'>;
  /**
   * Called once, after the open, when the embedded server is gone for good: the server this
   * process started exited without close(), or the connection to another process's server stayed
   * down for `lostAfterMs`. Never called for MONGODB_URI, whose driver reconnects by itself.
   */
  onLost?: (error: StorageError) => void;
  /** How long the connection to another process's server may stay down. Defaults to 10 s. */
  lostAfterMs?: number;
}

const REUSE_PING_TIMEOUT_MS = 2_000;
const LOST_AFTER_MS = 10_000;
/**
 * Interval of the driver's checks on an embedded server: cheap on loopback, and it bounds how long
 * a server that went away goes unnoticed while the process is idle.
 */
const EMBEDDED_HEARTBEAT_MS = 2_000;

interface FoundServer {
  uri: string;
  kind: 'mongod' | 'ferretdb';
  /** Set only when this process started the server. */
  started?: EmbeddedServer;
  /** Describes the server in messages, such as `the embedded ferretdb server (pid 7) on /data`. */
  name: string;
}

/**
 * Connects to `MONGODB_URI`, or else to an embedded server on `DATA_DIR`: the one another ces-bot
 * process runs there (recorded in `embedded-server.json`), or a new one. Two servers must never
 * open the same files, so a new one is started only under a lock and after checking the record.
 * A recorded server whose owner has exited is stopped first.
 *
 * A process that reuses another's server loses its connection when that process closes it, and
 * learns of it through `onLost`.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const { env, log } = options;
  if (env.MONGODB_URI) {
    await connectDatabase({ uri: env.MONGODB_URI, log });
    return { uri: env.MONGODB_URI, kind: 'external', close: once(disconnectDatabase) };
  }

  const dataDir = resolve(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const found = await findOrStartServer(dataDir, log, options.embedded);
  let stopWatching = () => {};
  const close = once(async () => {
    stopWatching();
    await disconnectDatabase();
    if (!found.started) return;

    // The record goes first, so no other process picks up a server that is stopping.
    if (found.started.pid !== undefined) removeServerRecord(dataDir, found.started.pid);
    await found.started.stop();
  });

  try {
    await connectDatabase({
      uri: found.uri,
      log,
      serverName: found.name,
      heartbeatFrequencyMS: EMBEDDED_HEARTBEAT_MS,
    });
  } catch (error) {
    await close();
    throw error;
  }
  if (options.onLost) stopWatching = watchForLoss(found, options.onLost, options.lostAfterMs);
  return { uri: found.uri, kind: found.kind, close };
}

/** Calls `onLost` once the server is gone for good, and returns a function that stops watching. */
function watchForLoss(
  found: FoundServer,
  onLost: (error: StorageError) => void,
  lostAfterMs = LOST_AFTER_MS,
): () => void {
  if (!found.started) {
    return watchConnectionDown(mongoose.connection, lostAfterMs, () => {
      onLost(
        new StorageError(
          `the connection to ${found.name} has been down for ${lostAfterMs / 1000} s, probably ` +
            'because that process stopped it: start this process again to start or reuse a server',
        ),
      );
    });
  }

  let watching = true;
  void found.started.unexpectedExit.then((how) => {
    if (!watching) return;
    onLost(
      new StorageError(
        `${found.name} ${how}, so nothing can be stored: start this process again to start a ` +
          'new server',
      ),
    );
  });
  return () => {
    watching = false;
  };
}

async function findOrStartServer(
  dataDir: string,
  log: Logger,
  embedded: OpenDatabaseOptions['embedded'],
): Promise<FoundServer> {
  const running = await findRecordedServer(dataDir, log);
  if (running) return running;

  return withStartLock(dataDir, log, async () => {
    // Another process may have started a server while this one waited for the lock.
    const startedMeanwhile = await findRecordedServer(dataDir, log);
    if (startedMeanwhile) return startedMeanwhile;

    await stopRecordedOrphan(dataDir, log);
    return startAndRecordServer(dataDir, log, embedded);
  });
}

async function startAndRecordServer(
  dataDir: string,
  log: Logger,
  embedded: OpenDatabaseOptions['embedded'],
): Promise<FoundServer> {
  const server = await startEmbeddedServer({ dataDir, log, ...embedded });
  if (server.pid !== undefined) {
    const { uri, pid, kind } = server;
    writeServerRecord(dataDir, { uri, pid, kind, ownerPid: process.pid });
  }
  const name = `the embedded ${server.kind} server (pid ${server.pid ?? 'unknown'}) on ${dataDir}`;
  return { uri: server.uri, kind: server.kind, started: server, name };
}

/**
 * Returns the recorded server when its process runs, its owner runs, and it responds to `ping`.
 * A record whose server has exited is stale and ignored, and so is an orphan, whose owner has
 * exited: nothing would stop it, and FerretDB dies at its next log line because the pipes to its
 * owner are closed.
 *
 * @throws StorageError when the process is alive but does not respond, because starting a second
 *   server could corrupt the files the first still holds.
 */
async function findRecordedServer(dataDir: string, log: Logger): Promise<FoundServer | undefined> {
  const record = readServerRecord(dataDir);
  if (!record || !isServerProcessRunning(record) || isOrphaned(record)) return undefined;

  const { kind, pid, ownerPid } = record;
  if (await pingServer(record.uri, REUSE_PING_TIMEOUT_MS)) {
    log.info(
      { kind, pid, ownerPid, dataDir },
      'reusing embedded database server of another process',
    );
    const owner = ownerPid === undefined ? 'another process' : `process ${ownerPid}`;
    const name = `the embedded ${kind} server (pid ${pid}) that ${owner} started on ${dataDir}`;
    return { uri: record.uri, kind, name };
  }
  // NOTE: without /proc (macOS), a pid reused after a reboot by another process also lands here.
  throw new StorageError(
    `the ${kind} server (pid ${pid}) recorded in ${dataDir}/embedded-server.json ` +
      'is running but does not respond to ping: stop that process, or delete the file if the pid ' +
      'belongs to something else, then start again',
  );
}

/** Stops the recorded server when its owner has exited. Call it only under the start lock. */
async function stopRecordedOrphan(dataDir: string, log: Logger): Promise<void> {
  const record = readServerRecord(dataDir);
  if (record && isServerProcessRunning(record) && isOrphaned(record)) {
    await stopOrphanedServer(record, dataDir, log);
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= action());
}
