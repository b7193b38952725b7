import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import type { Env } from '../config/env';
import { StorageError } from '../errors';
import type { Logger } from '../log';
import { connectDatabase, disconnectDatabase } from './connect';
import {
  startEmbeddedServer,
  type EmbeddedServer,
  type EmbeddedServerOptions,
} from './embedded-server';
import { pingServer } from './ping';
import {
  isServerProcessRunning,
  readServerRecord,
  removeServerRecord,
  withStartLock,
  writeServerRecord,
} from './server-record';

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
}

const REUSE_PING_TIMEOUT_MS = 2_000;

interface FoundServer {
  uri: string;
  kind: 'mongod' | 'ferretdb';
  /** Set only when this process started the server. */
  started?: EmbeddedServer;
}

/**
 * Connects to `MONGODB_URI`, or else to an embedded server on `DATA_DIR`: the one another ces-bot
 * process runs there (recorded in `embedded-server.json`), or a new one. Two servers must never
 * open the same files, so a new one is started only under a lock and after checking the record.
 *
 * A process that reuses another's server loses its connection when that process closes it.
 */
export async function openDatabase({
  env,
  log,
  embedded,
}: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (env.MONGODB_URI) {
    await connectDatabase({ uri: env.MONGODB_URI, log });
    return { uri: env.MONGODB_URI, kind: 'external', close: once(disconnectDatabase) };
  }

  const dataDir = resolve(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const found = await findOrStartServer(dataDir, log, embedded);
  const close = once(async () => {
    await disconnectDatabase();
    if (!found.started) return;

    // The record goes first, so no other process picks up a server that is stopping.
    if (found.started.pid !== undefined) removeServerRecord(dataDir, found.started.pid);
    await found.started.stop();
  });

  try {
    await connectDatabase({ uri: found.uri, log });
  } catch (error) {
    await close();
    throw error;
  }
  return { uri: found.uri, kind: found.kind, close };
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

    const server = await startEmbeddedServer({ dataDir, log, ...embedded });
    if (server.pid !== undefined) {
      writeServerRecord(dataDir, { uri: server.uri, pid: server.pid, kind: server.kind });
    }
    return { uri: server.uri, kind: server.kind, started: server };
  });
}

/**
 * Returns the recorded server when its process runs and responds to `ping`. A record whose process
 * has exited is stale and ignored.
 *
 * @throws StorageError when the process is alive but does not respond, because starting a second
 *   server could corrupt the files the first still holds.
 */
async function findRecordedServer(dataDir: string, log: Logger): Promise<FoundServer | undefined> {
  const record = readServerRecord(dataDir);
  if (!record || !isServerProcessRunning(record)) return undefined;

  if (await pingServer(record.uri, REUSE_PING_TIMEOUT_MS)) {
    log.info(
      { kind: record.kind, pid: record.pid, dataDir },
      'reusing embedded database server of another process',
    );
    return { uri: record.uri, kind: record.kind };
  }
  // NOTE: without /proc (macOS), a pid reused after a reboot by another process also lands here.
  throw new StorageError(
    `the ${record.kind} server (pid ${record.pid}) recorded in ${dataDir}/embedded-server.json ` +
      'is running but does not respond to ping: stop that process, or delete the file if the pid ' +
      'belongs to something else, then start again',
  );
}

function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= action());
}
