import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import dotenv from 'dotenv';

import { parseEnv, type Env } from './env';

/**
 * Loads `.env` from the working directory when present, without overriding variables that are
 * already set, then validates the whole environment.
 */
export function loadEnv(cwd = process.cwd()): Env {
  const file = resolve(cwd, '.env');
  if (existsSync(file)) dotenv.config({ path: file, quiet: true });
  return parseEnv(process.env);
}
