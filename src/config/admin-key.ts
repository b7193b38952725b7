import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Logger } from 'pino';

import { ConfigError } from '../errors';
import type { Env } from './env';

const FILE_NAME = 'admin-api-key';

/**
 * The admin API key: `ADMIN_API_KEY`, or outside production a key generated once into the data
 * folder, so that a first local start needs no setup. The key itself is never logged.
 */
export function loadAdminApiKey(env: Env, log: Logger): string {
  if (env.ADMIN_API_KEY) return env.ADMIN_API_KEY;
  if (env.NODE_ENV === 'production') {
    throw new ConfigError('ADMIN_API_KEY is not set; generate one with `openssl rand -hex 32`');
  }

  const file = join(env.DATA_DIR, FILE_NAME);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(env.DATA_DIR, { recursive: true });
  writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  log.warn({ file }, 'ADMIN_API_KEY is not set: generated one for local use into the data folder');
  return readFileSync(file, 'utf8').trim();
}
