import type { AddressInfo } from 'node:net';

import type { Logger } from 'pino';
import type { Server } from 'restify';

import { registerSlackSender } from '../../adapters/slack/register-senders';
import { registerTwilioSenders } from '../../adapters/twilio/register-senders';
import { loadAdminApiKey } from '../config/admin-key';
import type { Env } from '../config/env';
import { SenderRegistry } from '../conversations/senders';
import { TurnService } from '../conversations/turn-service';
import { loadKeys } from '../privacy/keys';
import { startRetentionSweeper } from '../privacy/retention';
import { RightsService } from '../privacy/rights';
import { openDatabase } from '../storage/open-database';
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
}

type OpenedDatabase = Awaited<ReturnType<typeof openDatabase>>;

/**
 * Starts ces-bot: surveys, keys, database (embedded when MONGODB_URI is unset), the erasure
 * ledger's re-application, the retention sweeper, and the HTTP server.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { env, log } = options;
  const surveys = await loadSurveys({ ...(env.DIALOGS_DIR && { dir: env.DIALOGS_DIR }), log });
  const { keyRing, pseudonymKey } = loadKeys({ env, dataDir: env.DATA_DIR, log });
  const adminApiKey = loadAdminApiKey(env, log);
  const database = options.database ?? (await openDatabase({ env, log }));
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

async function serve({ env, log, clock }: StartOptions, loaded: Loaded): Promise<RunningServer> {
  const { surveys, keyRing, pseudonymKey, adminApiKey, database } = loaded;
  const rights = new RightsService({ keyRing, pseudonymKey, log, surveys });
  await rights.reapplyErasures();
  const sweeper = startRetentionSweeper({
    surveys: surveys.list(),
    intervalMinutes: env.RETENTION_SWEEP_MINUTES,
    log,
  });

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

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}
