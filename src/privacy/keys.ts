import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigError, type Env } from '../config/env';
import type { Logger } from '../log';
import { KEY_BYTES, KEY_ID_PATTERN, KeyRing, type RingKey } from './key-ring';

/** Minimum `PSEUDONYM_KEY` length in bytes: the HMAC-SHA256 output size (RFC 2104, section 3). */
const MIN_PSEUDONYM_KEY_BYTES = 32;

const KEYS_FILE = 'keys.json';

const ENCRYPTION_KEY_HELP =
  'set ENCRYPTION_KEY to <id>:<base64 of 32 bytes>, e.g. "k1:$(openssl rand -base64 32)"';
const PSEUDONYM_KEY_HELP =
  'set PSEUDONYM_KEY to base64 of 32 or more bytes, e.g. "$(openssl rand -base64 32)"';

/** Keys ces-bot needs to seal personal data and to compute respondent pseudonyms. */
export interface LoadedKeys {
  keyRing: KeyRing;
  pseudonymKey: Buffer;
}

export interface LoadKeysOptions {
  env: { NODE_ENV: Env['NODE_ENV']; ENCRYPTION_KEY?: string; PSEUDONYM_KEY?: string };
  /** Folder of `keys.json`, the generated keys for local use. */
  dataDir: string;
  log: Logger;
}

type KeyValues = { ENCRYPTION_KEY: string; PSEUDONYM_KEY: string };

/**
 * Loads `ENCRYPTION_KEY` and `PSEUDONYM_KEY` from the environment. Outside production, a missing
 * key is taken from `<dataDir>/keys.json`, which is generated (mode 0600) on first use and reused
 * afterwards, because a new pseudonym key would make every stored respondent unfindable.
 *
 * @throws ConfigError when a value is invalid, or a key is missing with NODE_ENV=production.
 */
export function loadKeys({ env, dataDir, log }: LoadKeysOptions): LoadedKeys {
  const missing = (['ENCRYPTION_KEY', 'PSEUDONYM_KEY'] as const).filter((name) => !env[name]);
  if (missing.length > 0 && env.NODE_ENV === 'production') throw missingKeyError(missing);

  const local = missing.length > 0 ? readOrCreateLocalKeys(dataDir, log) : undefined;
  const encryptionKey = env.ENCRYPTION_KEY || local?.values.ENCRYPTION_KEY || '';
  const pseudonymKey = env.PSEUDONYM_KEY || local?.values.PSEUDONYM_KEY || '';

  const source = (name: keyof KeyValues) => (env[name] ? name : `${name} in ${local?.file}`);
  return {
    keyRing: parseEncryptionKey(encryptionKey, source('ENCRYPTION_KEY')),
    pseudonymKey: parsePseudonymKey(pseudonymKey, source('PSEUDONYM_KEY')),
  };
}

/**
 * Parses `ENCRYPTION_KEY`: comma-separated `id:base64` entries of 32-byte keys, current key first.
 *
 * @param source names the variable or file in error messages.
 */
export function parseEncryptionKey(value: string, source = 'ENCRYPTION_KEY'): KeyRing {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new ConfigError(`${source} is empty: ${ENCRYPTION_KEY_HELP}`);

  const keys = entries.map((entry, index) => parseRingKey(entry, index, source));
  const ids = keys.map((key) => key.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) throw new ConfigError(`${source} is invalid: key id "${repeated}" appears twice`);

  return new KeyRing(keys);
}

/** Parses `PSEUDONYM_KEY`: base64 of at least 32 bytes. */
export function parsePseudonymKey(value: string, source = 'PSEUDONYM_KEY'): Buffer {
  const key = decodeBase64(value.trim());
  if (!key || key.length < MIN_PSEUDONYM_KEY_BYTES) {
    const length = key ? `${key.length} bytes` : 'not base64';
    throw new ConfigError(`${source} is invalid (${length}): ${PSEUDONYM_KEY_HELP}`);
  }
  return key;
}

function parseRingKey(entry: string, index: number, source: string): RingKey {
  const separator = entry.indexOf(':');
  // Without a separator there is no id, and the entry is all key material.
  const id = separator > 0 ? entry.slice(0, separator) : '';
  const key = separator > 0 ? decodeBase64(entry.slice(separator + 1)) : undefined;

  // The message names the entry by position, never by content, because the content is secret.
  if (!KEY_ID_PATTERN.test(id)) {
    throw new ConfigError(
      `${source} entry ${index + 1} is invalid: expected <id>:<base64> with an id of ` +
        `A-Z, a-z, 0-9, _ or - (at most 32 characters); ${ENCRYPTION_KEY_HELP}`,
    );
  }
  if (!key || key.length !== KEY_BYTES) {
    const length = key ? `${key.length} bytes` : 'not base64';
    throw new ConfigError(
      `${source} key "${id}" is invalid (${length}), expected ${KEY_BYTES} bytes; ` +
        ENCRYPTION_KEY_HELP,
    );
  }
  return { id, key };
}

/** Decodes standard or URL-safe base64. `Buffer.from` alone would skip invalid characters. */
function decodeBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

function missingKeyError(missing: readonly (keyof KeyValues)[]): ConfigError {
  const help = missing.map((name) =>
    name === 'ENCRYPTION_KEY' ? ENCRYPTION_KEY_HELP : PSEUDONYM_KEY_HELP,
  );
  return new ConfigError(
    `missing ${missing.join(' and ')} with NODE_ENV=production, where keys are never generated: ` +
      help.join('; '),
  );
}

function readOrCreateLocalKeys(dataDir: string, log: Logger): { file: string; values: KeyValues } {
  const file = join(dataDir, KEYS_FILE);
  mkdirSync(dataDir, { recursive: true });

  const generated = {
    ENCRYPTION_KEY: KeyRing.generateKey(),
    PSEUDONYM_KEY: randomBytes(MIN_PSEUDONYM_KEY_BYTES).toString('base64'),
  };
  if (publishFileOnce(file, `${JSON.stringify(generated, null, 2)}\n`)) {
    log.warn(
      { file },
      'generated keys for local use only; set ENCRYPTION_KEY and PSEUDONYM_KEY in production',
    );
    return { file, values: generated };
  }

  log.warn(
    { file },
    'using generated keys for local use only; set ENCRYPTION_KEY and PSEUDONYM_KEY in production',
  );
  return { file, values: readKeysFile(file) };
}

/**
 * Writes `content` to `file` (mode 0600) unless the file exists, and returns whether it wrote.
 * The content goes to a temporary file that is then hard-linked into place: the link fails when
 * the file exists, so two processes starting together keep one set of keys, and neither reads a
 * half-written file.
 */
function publishFileOnce(file: string, content: string): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readKeysFile(file: string): KeyValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // The parser's message quotes the file content, which is secret, so it is left out.
    throw new ConfigError(
      `${file} is not valid JSON: restore it from a backup, ` +
        'because data sealed with its keys cannot be read without them',
    );
  }

  const values = parsed as Partial<Record<keyof KeyValues, unknown>>;
  if (typeof values.ENCRYPTION_KEY !== 'string' || typeof values.PSEUDONYM_KEY !== 'string') {
    throw new ConfigError(
      `${file} is invalid: expected string fields ENCRYPTION_KEY and PSEUDONYM_KEY`,
    );
  }
  return { ENCRYPTION_KEY: values.ENCRYPTION_KEY, PSEUDONYM_KEY: values.PSEUDONYM_KEY };
}
