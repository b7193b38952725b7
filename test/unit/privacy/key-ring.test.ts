import { randomBytes } from 'node:crypto';

import { KeyRing, SealedValueError } from '../../../src/privacy/key-ring';

function ringKey(id: string) {
  return { id, key: randomBytes(32) };
}

describe('KeyRing', () => {
  const oldKey = ringKey('old');
  const newKey = ringKey('new');

  it('opens what it sealed', () => {
    const ring = new KeyRing([newKey]);

    const sealed = ring.seal('Tweede keer gebeld, nog steeds geen antwoord ☹');

    expect(ring.open(sealed)).toBe('Tweede keer gebeld, nog steeds geen antwoord ☹');
  });

  it('seals the empty string', () => {
    const ring = new KeyRing([newKey]);

    expect(ring.open(ring.seal(''))).toBe('');
  });

  it('writes the compact v1 format with the current key id', () => {
    const ring = new KeyRing([newKey, oldKey]);

    const sealed = ring.seal('hello');

    expect(sealed).toMatch(/^v1\.new\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('hello');
  });

  it('uses a fresh IV for every seal', () => {
    const ring = new KeyRing([newKey]);

    expect(ring.seal('same text')).not.toBe(ring.seal('same text'));
  });

  it('opens values sealed with an older key after rotation', () => {
    const sealedBefore = new KeyRing([oldKey]).seal('before rotation');
    const rotated = new KeyRing([newKey, oldKey]);

    expect(rotated.open(sealedBefore)).toBe('before rotation');
    expect(rotated.needsRotation(sealedBefore)).toBe(true);
    expect(rotated.needsRotation(rotated.seal('after rotation'))).toBe(false);
  });

  it('rejects an unknown key id', () => {
    const sealed = new KeyRing([oldKey]).seal('secret');
    const ring = new KeyRing([newKey]);

    expect(() => ring.open(sealed)).toThrow(SealedValueError);
    expect(() => ring.open(sealed)).toThrow(/key id "old", which is not in ENCRYPTION_KEY/);
  });

  it('rejects a tampered ciphertext', () => {
    const ring = new KeyRing([newKey]);
    const [version, keyId, iv, tag, ciphertext] = ring.seal('score 7').split('.');
    const flipped = Buffer.from(ciphertext ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;

    const tampered = [version, keyId, iv, tag, flipped.toString('base64url')].join('.');

    expect(() => ring.open(tampered)).toThrow(/failed authentication/);
  });

  it('rejects a tampered tag', () => {
    const ring = new KeyRing([newKey]);
    const parts = ring.seal('score 7').split('.');
    parts[3] = Buffer.alloc(16).toString('base64url');

    expect(() => ring.open(parts.join('.'))).toThrow(/failed authentication/);
  });

  it('rejects a value with the key id relabelled', () => {
    const ring = new KeyRing([newKey, oldKey]);
    const relabelled = ring.seal('score 7').replace(/^v1\.new\./, 'v1.old.');

    expect(() => ring.open(relabelled)).toThrow(/failed authentication/);
  });

  it('binds the value to its associated data', () => {
    const ring = new KeyRing([newKey]);
    const sealed = ring.seal('+31612345678', 'conversation:1');

    expect(ring.open(sealed, 'conversation:1')).toBe('+31612345678');
    expect(() => ring.open(sealed, 'conversation:2')).toThrow(/failed authentication/);
    expect(() => ring.open(sealed)).toThrow(/failed authentication/);
  });

  it.each([
    ['plain text', 'not sealed'],
    ['another version', 'v2.new.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA'],
    ['missing parts', 'v1.new.AAAAAAAAAAAAAAAA'],
    ['a short IV', 'v1.new.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AA'],
    ['invalid base64url', 'v1.new.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.A+/A'],
  ])('rejects %s', (_case, value) => {
    const ring = new KeyRing([newKey]);

    expect(() => ring.open(value)).toThrow(SealedValueError);
  });

  it('rejects keys of the wrong length', () => {
    expect(() => new KeyRing([{ id: 'short', key: randomBytes(16) }])).toThrow(/16 bytes/);
  });

  it('rejects an id with a dot', () => {
    expect(() => new KeyRing([{ id: 'a.b', key: randomBytes(32) }])).toThrow(/invalid key id/);
  });

  it('rejects a repeated id', () => {
    expect(() => new KeyRing([ringKey('same'), ringKey('same')])).toThrow(/appears twice/);
  });

  it('rejects an empty ring', () => {
    expect(() => new KeyRing([])).toThrow(/at least one key/);
  });

  it('generates an id:base64 entry of a 32-byte key', () => {
    const entry = KeyRing.generateKey('k2');

    const [id, key] = entry.split(':');

    expect(id).toBe('k2');
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);
  });

  it('generates a dated default key id', () => {
    const [id] = KeyRing.generateKey().split(':');

    expect(id).toMatch(/^k\d{8}-[0-9a-f]{4}$/);
  });
});
