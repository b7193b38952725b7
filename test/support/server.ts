import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { parseEnv } from '../../src/config/env';
import { createLogger } from '../../src/log';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { KeyRing } from '../../src/privacy/key-ring';

export const TEST_PUBLIC_URL = 'https://ces-bot.example.test';
export const TEST_TWILIO_TOKEN = 'test-twilio-auth-token-0123456789';
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface TestServer extends RunningServer {
  /** Every log line the server wrote, as parsed JSON objects. */
  logs: Array<Record<string, unknown>>;
  rawLogs(): string;
}

/**
 * Starts the whole server in this process on a free loopback port, against the test database the
 * file's `useTestDatabase()` connected (same server, same database name).
 */
export async function startTestServer(
  overrides: Record<string, string> = {},
  clock?: () => number,
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-test-'));
  const env = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL: TEST_PUBLIC_URL,
    MONGODB_URI: currentDatabaseUri(),
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: KeyRing.generateKey('k1'),
    PSEUDONYM_KEY: randomBytes(32).toString('base64'),
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    TWILIO_AUTH_TOKEN: TEST_TWILIO_TOKEN,
    LOG_LEVEL: 'debug',
    RETENTION_SWEEP_MINUTES: '1440',
    ...overrides,
  });
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  const log = createLogger({ level: 'debug', destination });
  // The file's own connection is shared, so stopping the server leaves it open for the file.
  const database = { uri: env.MONGODB_URI ?? '', kind: 'external' as const, close: async () => {} };
  let running: RunningServer;
  try {
    running = await startServer({ env, log, database, ...(clock && { clock }) });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...running,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs: () => lines.join('\n'),
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The URI of the database the current test file is connected to. */
function currentDatabaseUri(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mongoose = require('mongoose') as typeof import('mongoose');
  const connection = mongoose.connection;
  if (connection.readyState !== 1)
    throw new Error('call useTestDatabase() before startTestServer()');
  const base = process.env.CES_TEST_MONGODB_URI ?? process.env.MONGODB_URI ?? '';
  const url = new URL(base);
  url.pathname = `/${connection.name}`;
  return url.toString();
}
