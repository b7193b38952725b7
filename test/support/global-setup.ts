import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createLogger } from '../../src/log';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/storage/embedded-server';

/** State for global-teardown. Jest runs both hooks in one process, so globalThis carries it. */
export interface TestServerState {
  server: EmbeddedServer;
  dataDir: string;
}

declare global {
  var cesTestServer: TestServerState | undefined;
}

/**
 * Starts one embedded database server for the whole jest run when MONGODB_URI is unset, and
 * passes its URI to the test files in CES_TEST_MONGODB_URI. Each test file then uses a database
 * of its own on it (see test/support/db.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.CES_TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }

  // Tests never download mongod: they use one that is installed, or else FerretDB.
  process.env.MONGOMS_RUNTIME_DOWNLOAD ??= 'false';
  const dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-test-db-'));
  const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'warn' });
  const server = await startEmbeddedServer({ dataDir, log });

  globalThis.cesTestServer = { server, dataDir };
  process.env.CES_TEST_MONGODB_URI = server.uri;
}
