import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { CesBotError } from '../errors';

/** Key length in bytes that AES-256-GCM requires. */
export const KEY_BYTES = 32;

/** IV length in bytes: the 96 bits that NIST SP 800-38D, section 5.2.1.1, recommends for GCM. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT_VERSION = 'v1';

/** Key ids end up inside sealed values, so they must not contain the `.` separator. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** One AES-256 key and the id that sealed values carry to name it. */
export interface RingKey {
  id: string;
  key: Buffer;
}

/** Raised when a sealed value is malformed, names an unknown key, or fails authentication. */
export class SealedValueError extends CesBotError {
  constructor(message: string) {
    super('sealed_value_invalid', 500, message);
  }
}

interface SealedParts {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * Encrypts and decrypts short strings with AES-256-GCM. The first key seals and every key opens,
 * so values sealed before a rotation stay readable while the old key is kept in the ring.
 *
 * A sealed value reads `v1.<keyId>.<iv>.<tag>.<ciphertext>`, each binary part in base64url.
 */
export class KeyRing {
  private readonly keys: ReadonlyMap<string, Buffer>;

  /** Id of the key that {@link KeyRing.seal} uses. */
  readonly currentKeyId: string;

  constructor(keys: readonly RingKey[]) {
    const current = keys[0];
    if (!current) throw new Error('a key ring needs at least one key');

    const byId = new Map<string, Buffer>();
    for (const { id, key } of keys) {
      if (!KEY_ID_PATTERN.test(id))
        throw new Error(`invalid key id "${id}": use A-Z, a-z, 0-9, _ or -`);
      if (key.length !== KEY_BYTES)
        throw new Error(`key "${id}" has ${key.length} bytes, expected ${KEY_BYTES}`);
      if (byId.has(id)) throw new Error(`key id "${id}" appears twice`);
      byId.set(id, Buffer.from(key));
    }

    this.keys = byId;
    this.currentKeyId = current.id;
  }

  /**
   * Generates a random key as an `id:base64` entry, ready to put first in `ENCRYPTION_KEY`.
   * The default id carries the UTC date, so operators can tell keys apart by age.
   */
  static generateKey(id = defaultKeyId()): string {
    if (!KEY_ID_PATTERN.test(id))
      throw new Error(`invalid key id "${id}": use A-Z, a-z, 0-9, _ or -`);
    return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
  }

  /**
   * Encrypts `plaintext` with the current key and a fresh random IV. The same `aad` must be passed
   * to {@link KeyRing.open}, which binds the value to its context (such as a document id).
   */
  seal(plaintext: string, aad?: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(this.currentKeyId), iv);
    if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));

    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return [FORMAT_VERSION, this.currentKeyId, ...parts].join('.');
  }

  /**
   * Decrypts a value from {@link KeyRing.seal} with the key it names.
   *
   * @throws SealedValueError when the value is malformed, its key id is not in the ring, or it
   *   fails authentication (altered, or sealed with a different key or `aad`).
   */
  open(sealed: string, aad?: string): string {
    const { keyId, iv, tag, ciphertext } = parseSealed(sealed);
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(keyId), iv);
    decipher.setAuthTag(tag);
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));

    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedValueError(
        `sealed value with key id "${keyId}" failed authentication: ` +
          'it was altered, or sealed with a different key or associated data',
      );
    }
  }

  /** Returns true when `sealed` was sealed with a key other than the current one. */
  needsRotation(sealed: string): boolean {
    return parseSealed(sealed).keyId !== this.currentKeyId;
  }

  private keyFor(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (key) return key;

    throw new SealedValueError(
      `sealed value uses key id "${keyId}", which is not in ENCRYPTION_KEY; ` +
        'add that key after the current one to read it',
    );
  }
}

function parseSealed(sealed: string): SealedParts {
  const parts = sealed.split('.');
  const [version, keyId, iv, tag, ciphertext] = parts;
  const wellFormed =
    parts.length === 5 &&
    version === FORMAT_VERSION &&
    keyId !== undefined &&
    KEY_ID_PATTERN.test(keyId);
  if (!wellFormed || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new SealedValueError(
      `not a sealed value: expected ${FORMAT_VERSION}.<keyId>.<iv>.<tag>.<ciphertext>`,
    );
  }

  const decoded = {
    keyId,
    iv: fromBase64Url(iv),
    tag: fromBase64Url(tag),
    ciphertext: fromBase64Url(ciphertext),
  };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) {
    throw new SealedValueError(
      `sealed value with key id "${keyId}" has an IV or tag of the wrong length`,
    );
  }
  return decoded;
}

function fromBase64Url(text: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(text))
    throw new SealedValueError('sealed value contains invalid base64url');
  return Buffer.from(text, 'base64url');
}

function defaultKeyId(): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return `k${day}-${randomBytes(2).toString('hex')}`;
}
