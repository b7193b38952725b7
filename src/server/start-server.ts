import type { AddressInfo } from 'node:net';

import type { Logger } from 'pino';
import type { Server } from 'restify';

import { registerSlackSender } from '../../adapters/slack/register-senders';
import { registerTwilioSenders } from '../../adapters/twilio/register-senders';
import { loadAdminApiKey } from '../config/admin-key';
import type { Env } from '../config/env';
import { SenderRegistry } from '../conversations/senders';
import { TurnService } from '../conversations/turn-service';
import { ConfigError, type StorageError } from '../errors';
import { loadKeys } from '../privacy/keys';
import { startRetentionSweeper, type RetentionSweeper } from '../privacy/retention';
import { RightsService } from '../privacy/rights';
import { openDatabase } from '../storage/open-database';
import { checkInboundSurveys } from '../surveys/check-inbound-surveys';
import { loadSurveys } from '../surveys/registry';
import { createApp } from './app';
import { createMetrics } from './metrics';

export interface RunningServer {
  server: Server;
  /** Base URL the server listens on, such as `http://127.0.0.1:3978`. */
  url: string;
  databaseKind: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  env: Env;
  log: Logger;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock?: () => number;
  /** A database connection opened by the caller; by default one is opened from `env`. */
  database?: OpenedDatabase;
  /**
   * Called once when the embedded database server is gone for good, so the caller can exit and
   * let a supervisor restart the process. Unused when `database` is given.
   */
  onDatabaseLost?: (error: StorageError) => void;
}

type OpenedDatabase = Awaited<ReturnType<typeof openDatabase>>;

/**
 * Starts ces-bot: surveys, keys, database (embedded when MONGODB_URI is unset), the erasure
 * ledger's re-application, the retention sweeper, and the HTTP server.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { env, log } = options;
  const surveys = await loadSurveys({ ...(env.DIALOGS_DIR && { dir: env.DIALOGS_DIR }), log });
  checkInboundSurveys(env, surveys);
  const { keyRing, pseudonymKey } = loadKeys({ env, dataDir: env.DATA_DIR, log });
  const adminApiKey = loadAdminApiKey(env, log);
  const database =
    options.database ?? (await openDatabase({ env, log, onLost: options.onDatabaseLost }));
  try {
    return await serve(options, { surveys, keyRing, pseudonymKey, adminApiKey, database });
  } catch (error) {
    // Stop an embedded database this process started, so a failed start leaves nothing running.
    await database.close();
    throw error;
  }
}

interface Loaded {
  surveys: Awaited<ReturnType<typeof loadSurveys>>;
  keyRing: ReturnType<typeof loadKeys>['keyRing'];
  pseudonymKey: Buffer;
  adminApiKey: string;
  database: OpenedDatabase;
}

async function serve(options: StartOptions, loaded: Loaded): Promise<RunningServer> {
  const { env, log } = options;
  const { surveys, keyRing, pseudonymKey } = loaded;
  const rights = new RightsService({ keyRing, pseudonymKey, log, surveys });
  await rights.reapplyErasures();
  const sweeper = startRetentionSweeper({
    surveys: surveys.list(),
    intervalMinutes: env.RETENTION_SWEEP_MINUTES,
    log,
  });

  try {
    return await serveHttp(options, { ...loaded, rights, sweeper });
  } catch (error) {
    // A sweep still running would fail once the caller closes the database.
    await sweeper.stop();
    throw error;
  }
}

interface Services extends Loaded {
  rights: RightsService;
  sweeper: RetentionSweeper;
}

async function serveHttp(
  { env, log, clock }: StartOptions,
  services: Services,
): Promise<RunningServer> {
  const { surveys, keyRing, pseudonymKey, adminApiKey, database, rights, sweeper } = services;
  const turns = new TurnService({
    surveys,
    keyRing,
    pseudonymKey,
    rights,
    log,
    ...(clock && { clock }),
  });
  const senders = new SenderRegistry();
  registerTwilioSenders(senders, { env, log, ...(clock && { clock }) });
  registerSlackSender(senders, { env, log });
  const metrics = createMetrics();
  const { server, drain } = createApp({
    env,
    log,
    turns,
    surveys,
    rights,
    pseudonymKey,
    adminApiKey,
    metrics,
    senders,
  });
  await listen(server, env.PORT, env.HOST);
  const { port } = server.address() as AddressInfo;
  const url = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`;
  log.info(
    { url, database: database.kind, surveys: surveys.list().map((s) => s.id) },
    'ces-bot started',
  );

  let stopped = false;
  return {
    server,
    url,
    databaseKind: database.kind,
    async stop() {
      if (stopped) return;
      stopped = true;
      log.info('ces-bot stopping');
      await sweeper.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await drain();
      await database.close();
      log.info('ces-bot stopped');
    },
  };
}

/**
 * Listens on HOST:PORT.
 *
 * @throws ConfigError naming PORT or HOST and its value when the address cannot be used.
 */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(describeListenError(error, port, host));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      resolve();
    });
  });
}

function describeListenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new ConfigError(
        `PORT ${port} is already in use on HOST ${host}: stop the process that uses it, or set ` +
          'PORT to a free port',
      );
    case 'EACCES':
      return new ConfigError(
        `PORT ${port} on HOST ${host} is not permitted for this user: set PORT to 1024 or above`,
      );
    case 'EADDRNOTAVAIL':
      return new ConfigError(
        `HOST ${host} is not an address of this machine: set HOST to one of its addresses, or ` +
          'to 0.0.0.0 for all of them',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConfigError(
        `HOST ${host} could not be resolved (${error.code}): set HOST to an IP address of this ` +
          'machine, or to 0.0.0.0 for all of them',
      );
    default:
      return new ConfigError(
        `listening on HOST ${host}, PORT ${port} failed (${error.code ?? error.message}): check ` +
          'both settings',
      );
  }
}
