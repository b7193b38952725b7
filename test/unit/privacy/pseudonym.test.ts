import { randomBytes } from 'node:crypto';

import { ValidationError } from '../../../src/errors';
import { normalizePhone, pseudonymize } from '../../../src/privacy/pseudonym';

describe('normalizePhone', () => {
  it.each([
    ['+31 6 1234 5678'],
    ['0031612345678'],
    ['06-12345678'],
    ['whatsapp:+31612345678'],
    ['WhatsApp:+31 6 12345678'],
    ['(06) 1234 5678'],
    ['  +31612345678  '],
  ])('normalises %j to E.164', (value) => {
    expect(normalizePhone(value)).toBe('+31612345678');
  });

  it('keeps numbers of other countries', () => {
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('0044 20 7946 0958')).toBe('+442079460958');
  });

  it.each([[''], ['hello'], ['0612'], ['+3161234567890123']])('rejects %j', (value) => {
    expect(() => normalizePhone(value)).toThrow(ValidationError);
  });

  it('leaves the number out of the error', () => {
    let message = '';

    try {
      normalizePhone('+3161234567890123');
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toMatch(/invalid phone number/);
    expect(message).not.toContain('3161234567890123');
  });
});

describe('pseudonymize', () => {
  const key = randomBytes(32);

  it('returns 64 hex characters', () => {
    expect(pseudonymize(key, { kind: 'web', session: 'abc' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable for one address and key', () => {
    const first = pseudonymize(key, { kind: 'console', user: 'alice' });

    const second = pseudonymize(key, { kind: 'console', user: 'alice' });

    expect(second).toBe(first);
  });

  it('gives SMS and WhatsApp from one number one pseudonym', () => {
    const spellings = ['+31 6 1234 5678', '0031612345678', '06-12345678', 'whatsapp:+31612345678'];

    const pseudonyms = spellings.map((value) => pseudonymize(key, { kind: 'phone', value }));

    expect(new Set(pseudonyms).size).toBe(1);
  });

  it('depends on the key', () => {
    const address = { kind: 'phone', value: '+31612345678' } as const;

    expect(pseudonymize(randomBytes(32), address)).not.toBe(pseudonymize(key, address));
  });

  it('upper-cases Slack ids', () => {
    const upper = pseudonymize(key, { kind: 'slack', team: 'T0123', user: 'U0456' });

    const lower = pseudonymize(key, { kind: 'slack', team: 't0123', user: 'u0456' });

    expect(lower).toBe(upper);
  });

  it('separates Slack users of different teams', () => {
    const one = pseudonymize(key, { kind: 'slack', team: 'T1', user: 'U1' });

    expect(pseudonymize(key, { kind: 'slack', team: 'T2', user: 'U1' })).not.toBe(one);
    expect(pseudonymize(key, { kind: 'slack', user: 'U1' })).not.toBe(one);
  });

  it('separates equal ids on different channels', () => {
    const web = pseudonymize(key, { kind: 'web', session: 'U1' });

    expect(pseudonymize(key, { kind: 'console', user: 'U1' })).not.toBe(web);
    expect(pseudonymize(key, { kind: 'slack', user: 'U1' })).not.toBe(web);
  });

  it('keeps Bot Framework ids with colons apart', () => {
    const teams = pseudonymize(key, {
      kind: 'botframework',
      channelId: 'msteams',
      userId: '29:1a',
    });

    const shifted = pseudonymize(key, {
      kind: 'botframework',
      channelId: 'msteams:29',
      userId: '1a',
    });

    expect(shifted).not.toBe(teams);
  });

  it('lower-cases Bot Framework channel ids', () => {
    const lower = pseudonymize(key, { kind: 'botframework', channelId: 'msteams', userId: 'u' });

    const mixed = pseudonymize(key, { kind: 'botframework', channelId: 'MsTeams', userId: 'u' });

    expect(mixed).toBe(lower);
  });

  it('rejects an empty id', () => {
    expect(() => pseudonymize(key, { kind: 'web', session: '  ' })).toThrow(ValidationError);
  });

  it('rejects an unparseable phone number', () => {
    expect(() => pseudonymize(key, { kind: 'phone', value: 'n/a' })).toThrow(ValidationError);
  });
});
