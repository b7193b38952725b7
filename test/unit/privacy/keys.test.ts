import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { ConfigError } from '../../../src/config/env';
import { createLogger } from '../../../src/log';
import { KeyRing } from '../../../src/privacy/key-ring';
import { loadKeys, parseEncryptionKey, parsePseudonymKey } from '../../../src/privacy/keys';

function captureLog() {
  const lines: Array<{ level: number; msg: string }> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), lines };
}

const WARN = 40;

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('loadKeys', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-keys-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('uses keys from the environment', () => {
    const encryptionKey = KeyRing.generateKey('env1');
    const pseudonymKey = randomBytes(32);
    const { log } = captureLog();

    const keys = loadKeys({
      env: {
        NODE_ENV: 'development',
        ENCRYPTION_KEY: encryptionKey,
        PSEUDONYM_KEY: pseudonymKey.toString('base64'),
      },
      dataDir,
      log,
    });

    expect(keys.keyRing.currentKeyId).toBe('env1');
    expect(keys.pseudonymKey.equals(pseudonymKey)).toBe(true);
    expect(() => readFileSync(join(dataDir, 'keys.json'))).toThrow(/ENOENT/);
  });

  it('generates local keys once with a warning', () => {
    const first = captureLog();
    const env = { NODE_ENV: 'development' as const };

    const generated = loadKeys({ env, dataDir, log: first.log });

    expect(statSync(join(dataDir, 'keys.json')).mode & 0o777).toBe(0o600);
    expect(first.lines).toContainEqual(
      expect.objectContaining({ level: WARN, msg: expect.stringMatching(/for local use only/) }),
    );
    const sealed = generated.keyRing.seal('kept across restarts');

    const second = captureLog();
    const reused = loadKeys({ env, dataDir, log: second.log });

    expect(reused.keyRing.currentKeyId).toBe(generated.keyRing.currentKeyId);
    expect(reused.keyRing.open(sealed)).toBe('kept across restarts');
    expect(reused.pseudonymKey.equals(generated.pseudonymKey)).toBe(true);
    expect(second.lines).toContainEqual(
      expect.objectContaining({ level: WARN, msg: expect.stringMatching(/for local use only/) }),
    );
  });

  it('fills only the missing key from the local file', () => {
    const pseudonymKey = randomBytes(48);
    const { log } = captureLog();

    const keys = loadKeys({
      env: { NODE_ENV: 'test', PSEUDONYM_KEY: pseudonymKey.toString('base64') },
      dataDir,
      log,
    });

    expect(keys.pseudonymKey.equals(pseudonymKey)).toBe(true);
    const file = JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8'));
    expect(keys.keyRing.currentKeyId).toBe(file.ENCRYPTION_KEY.split(':')[0]);
  });

  it.each([
    ['ENCRYPTION_KEY', { PSEUDONYM_KEY: randomBytes(32).toString('base64') }],
    ['PSEUDONYM_KEY', { ENCRYPTION_KEY: KeyRing.generateKey('k1') }],
  ])('rejects a missing %s in production', (name, present) => {
    const { log } = captureLog();

    const load = () => loadKeys({ env: { NODE_ENV: 'production', ...present }, dataDir, log });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`missing ${name}`));
    expect(load).toThrow(/openssl rand -base64 32/);
    expect(() => readFileSync(join(dataDir, 'keys.json'))).toThrow(/ENOENT/);
  });

  it('rejects a corrupt keys.json without quoting it', () => {
    writeFileSync(join(dataDir, 'keys.json'), '{"ENCRYPTION_KEY": "k1:c2VjcmV0');
    const { log } = captureLog();

    const message = messageOf(() => loadKeys({ env: { NODE_ENV: 'development' }, dataDir, log }));

    expect(message).toMatch(/keys\.json is not valid JSON/);
    expect(message).not.toContain('c2VjcmV0');
  });
});

describe('parseEncryptionKey', () => {
  it('makes the first entry current and keeps the others for reading', () => {
    const oldKey = randomBytes(32);
    const sealedWithOld = new KeyRing([{ id: 'old', key: oldKey }]).seal('before rotation');
    const oldEntry = `old:${oldKey.toString('base64')}`;

    const ring = parseEncryptionKey(`${KeyRing.generateKey('new')}, ${oldEntry}`);

    expect(ring.currentKeyId).toBe('new');
    expect(ring.open(sealedWithOld)).toBe('before rotation');
  });

  it.each([
    ['an empty value', '', /ENCRYPTION_KEY is empty/],
    ['a missing id', `:${randomBytes(32).toString('base64')}`, /entry 1 is invalid/],
    ['no separator', randomBytes(32).toString('base64'), /entry 1 is invalid/],
    ['a short key', `k1:${randomBytes(16).toString('base64')}`, /"k1" is invalid \(16 bytes\)/],
    ['invalid base64', 'k1:not base64!', /"k1" is invalid \(not base64\)/],
    ['a repeated id', `${KeyRing.generateKey('k1')},${KeyRing.generateKey('k1')}`, /appears twice/],
  ])('rejects %s', (_case, value, message) => {
    expect(() => parseEncryptionKey(value)).toThrow(ConfigError);
    expect(() => parseEncryptionKey(value)).toThrow(message);
  });

  it('never quotes a value without an id', () => {
    const secret = 'SuperSecretPassphrase2026';

    const parse = () => parseEncryptionKey(secret);

    expect(parse).toThrow(/entry 1 is invalid/);
    expect(parse).not.toThrow(secret.slice(0, -1));
  });
});

describe('parsePseudonymKey', () => {
  it('accepts 32 bytes or more', () => {
    expect(parsePseudonymKey(randomBytes(64).toString('base64'))).toHaveLength(64);
  });

  it.each([
    ['a short key', randomBytes(16).toString('base64'), /PSEUDONYM_KEY is invalid \(16 bytes\)/],
    ['invalid base64', 'not base64!', /PSEUDONYM_KEY is invalid \(not base64\)/],
  ])('rejects %s', (_case, value, message) => {
    expect(() => parsePseudonymKey(value)).toThrow(ConfigError);
    expect(() => parsePseudonymKey(value)).toThrow(message);
  });
});
