import mongoose, { type Connection } from 'mongoose';

import { CesBotError, ConflictError, StorageError } from '../errors';
import type { Logger } from '../log';
import * as models from './models';

const SERVER_SELECTION_TIMEOUT_MS = 10_000;
const HEALTH_TIMEOUT_MS = 2_000;
const DUPLICATE_KEY = 11000;
const DEFAULT_SERVER_NAME = 'the database server in MONGODB_URI';

/**
 * Name of the default mongoose connection's server in error messages. Module state, because that
 * connection is module state too, and errors are translated far from where it was opened.
 */
let connectedServerName = DEFAULT_SERVER_NAME;

export interface ConnectDatabaseOptions {
  uri: string;
  log: Logger;
  /** Database to use instead of the one named in `uri`, so that tests can use one per file. */
  dbName?: string;
  /** Bound on finding a server at connect time and before each operation. Defaults to 10 s. */
  serverSelectionTimeoutMS?: number;
  /**
   * Interval of the driver's server checks, so a server that went away is noticed within about
   * this time even while idle. Defaults to the driver's 10 s.
   */
  heartbeatFrequencyMS?: number;
  /**
   * Name of the server in error messages, such as `the embedded ferretdb server on /srv/data`.
   * Defaults to `the database server in MONGODB_URI`.
   */
  serverName?: string;
}

/**
 * Connects the default mongoose connection, on which every model is registered, and resolves once
 * each model's collection and indexes exist, so a unique index guards the first write.
 *
 * @throws StorageError when no server responds or an index cannot be built.
 */
export async function connectDatabase(options: ConnectDatabaseOptions): Promise<Connection> {
  const { uri, log, dbName, heartbeatFrequencyMS } = options;
  connectedServerName = options.serverName ?? DEFAULT_SERVER_NAME;
  try {
    await mongoose.connect(uri, {
      dbName,
      autoIndex: true,
      autoCreate: true,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? SERVER_SELECTION_TIMEOUT_MS,
      ...(heartbeatFrequencyMS !== undefined && { heartbeatFrequencyMS }),
    });
    await Promise.all(Object.values(models).map((model) => model.init()));
  } catch (error) {
    // The connect error is the one to report, so a failure to close is ignored.
    await mongoose.disconnect().catch(() => undefined);
    throw translateStorageError(error, { log, operation: 'connect' });
  }

  const { host, port, name } = mongoose.connection;
  log.info({ host, port, database: name }, 'database connected');
  return mongoose.connection;
}

/** Closes the default mongoose connection. Resolves at once when it is not open. */
export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

/** Returns whether the database responds to `ping` within `timeoutMs`. Never throws. */
export async function isDatabaseHealthy(timeoutMs = HEALTH_TIMEOUT_MS): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected || !db) return false;

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const pinged = db
    .admin()
    .ping()
    .then(() => true)
    .catch(() => false);
  try {
    return await Promise.race([pinged, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Returns whether `error` means that no database server could be reached, as opposed to a server
 * that rejected the operation.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  const { mongo } = mongoose;
  return (
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoClientClosedError ||
    error instanceof mongo.MongoTopologyClosedError ||
    error instanceof mongoose.Error.MongooseServerSelectionError
  );
}

/** Returns whether `error` is a duplicate key error (code 11000) from a unique index or `_id`. */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;

  const { code, writeErrors } = error as { code?: unknown; writeErrors?: unknown };
  if (code === DUPLICATE_KEY) return true;
  return Array.isArray(writeErrors) && writeErrors.some((item) => item?.code === DUPLICATE_KEY);
}

/** Description of a failed operation. The logger should carry the ids involved. */
export interface StorageErrorContext {
  log: Logger;
  /** Short name of the operation, such as `save conversation`. */
  operation: string;
  collection?: string;
}

/**
 * Translates a database error into a ces-bot error after one structured log line: a duplicate key
 * becomes a ConflictError (409), anything else a StorageError (503). Errors that are already
 * ces-bot errors are returned unchanged and not logged again, so each failure is logged once.
 */
export function translateStorageError(error: unknown, context: StorageErrorContext): CesBotError {
  if (error instanceof CesBotError) return error;

  const { log, operation, collection } = context;
  const where = collection ? `${operation} on ${collection}` : operation;
  const details = { operation, collection, err: describeError(error) };
  if (isDuplicateKeyError(error)) {
    log.warn(details, 'database write conflicts with an existing document');
    return new ConflictError(`${where} failed: a document with the same unique key exists`);
  }

  log.error(details, 'database operation failed');
  return new StorageError(
    `${where} failed (${details.err.name}): ` +
      `check that ${connectedServerName} is running and reachable`,
    error,
  );
}

/**
 * Picks the fields of a database error that are safe to log. Messages of validation and cast
 * errors can quote document values such as free-text answers, so only connection failures, whose
 * messages name hosts and timeouts, keep theirs.
 */
function describeError(error: unknown): {
  name: string;
  code?: unknown;
  codeName?: unknown;
  message?: string;
} {
  if (!(error instanceof Error)) return { name: typeof error };

  const { code, codeName } = error as { code?: unknown; codeName?: unknown };
  return {
    name: error.name,
    code,
    codeName,
    message: isDatabaseUnavailableError(error) ? error.message : undefined,
  };
}
