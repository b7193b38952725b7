import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { StorageError } from '../errors';
import type { Logger } from '../log';
import { buildFerretdb, findFerretdb, startFerretdb } from './ferretdb';
import { downloadMongod, findMongod, startMongod } from './mongod';

/** A MongoDB-compatible server that this process started on 127.0.0.1. */
export interface EmbeddedServer {
  /** Connection string, including the database name `ces-bot`. */
  uri: string;
  kind: 'mongod' | 'ferretdb';
  /** Process id of the server, when known. */
  pid: number | undefined;
  /**
   * Resolves with how the server ended, such as `was killed by SIGKILL`, when it exits without
   * stop() having been called. Stays pending otherwise.
   */
  unexpectedExit: Promise<string>;
  /**
   * Stops the server with SIGTERM (FerretDB) or SIGINT (mongod), then SIGKILL after a grace
   * period. Safe to call twice.
   */
  stop(): Promise<void>;
}

export interface EmbeddedServerOptions {
  /** Folder of the server's files, so data survives a restart. */
  dataDir?: string;
  log: Logger;
  /**
   * Whether mongod may be downloaded when none is found. Defaults to mongodb-memory-server's
   * `MONGOMS_RUNTIME_DOWNLOAD`, which is on unless set to something other than 1, on, yes or true.
   */
  downloadMongod?: boolean;
  /** Bound on the mongod download in milliseconds, after which FerretDB is tried. */
  downloadTimeoutMs?: number;
}

const DEFAULT_DOWNLOAD_TIMEOUT_MS = 15_000;

const NO_SERVER_HELP =
  'no database server could be started: set MONGODB_URI to a MongoDB 6+ or FerretDB 1.24 server, ' +
  'e.g. MONGODB_URI=mongodb://127.0.0.1:27017/ces-bot, or install Go so FerretDB can be built';

/**
 * Starts a MongoDB-compatible server for a process run without `MONGODB_URI`: mongod through
 * mongodb-memory-server when a binary is found or can be downloaded, else FerretDB with SQLite,
 * built once with Go when no binary of the right version is found.
 *
 * When only `<dataDir>/ferretdb` contains data, FerretDB is tried first, so a mongod installed
 * later does not hide the answers stored so far.
 *
 * @throws StorageError when neither server can be started, with advice on setting MONGODB_URI.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir ?? './data');
  const failures: string[] = [];

  for (const start of startOrder(dataDir)) {
    try {
      const server = await start({ ...options, dataDir });
      const port = Number(new URL(server.uri).port);
      options.log.info({ kind: server.kind, port, dataDir }, 'embedded database server started');
      return server;
    } catch (error) {
      const reason = String((error as Error).message ?? error);
      failures.push(reason);
      // Expected on machines without mongod, so one line with the reason and no stack.
      options.log.info(
        { reason, dataDir },
        'embedded database server unavailable, trying the next',
      );
    }
  }
  throw new StorageError(`${NO_SERVER_HELP}. Failures:\n${failures.join('\n')}`);
}

type Starter = (options: EmbeddedServerOptions & { dataDir: string }) => Promise<EmbeddedServer>;

function startOrder(dataDir: string): Starter[] {
  const onlyFerretdbData =
    existsSync(join(dataDir, 'ferretdb')) && !existsSync(join(dataDir, 'mongod'));
  return onlyFerretdbData
    ? [startFerretdbFromCache, startMongodIfAvailable]
    : [startMongodIfAvailable, startFerretdbFromCache];
}

async function startMongodIfAvailable(
  options: EmbeddedServerOptions & { dataDir: string },
): Promise<EmbeddedServer> {
  const { log, dataDir } = options;
  let binary = await findMongod(log);
  const downloadAllowed = options.downloadMongod ?? runtimeDownloadAllowed();
  if (!binary && !downloadAllowed) {
    throw new Error('mongod not found, and downloading it is switched off');
  }

  if (!binary) {
    const timeoutMs = options.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
    log.info({ timeoutMs }, 'mongod not found, trying to download it');
    binary = await downloadMongod(timeoutMs);
  }
  return startMongod({ binary, dataDir });
}

async function startFerretdbFromCache(
  options: EmbeddedServerOptions & { dataDir: string },
): Promise<EmbeddedServer> {
  const { log, dataDir } = options;
  const binary = (await findFerretdb(log)) ?? (await buildFerretdb(log));
  return startFerretdb({ binary, dataDir, log });
}

/** Reads `MONGOMS_RUNTIME_DOWNLOAD` the way mongodb-memory-server 11 does. */
function runtimeDownloadAllowed(): boolean {
  const value = process.env.MONGOMS_RUNTIME_DOWNLOAD;
  return value === undefined || ['1', 'on', 'yes', 'true'].includes(value.trim().toLowerCase());
}
