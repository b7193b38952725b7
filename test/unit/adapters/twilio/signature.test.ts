import twilio from 'twilio';

import { hasValidSignature, parseFormBody } from '../../../../adapters/twilio/signature';

const TOKEN = 'test-twilio-auth-token-0123456789';
const PARAMS = { MessageSid: `SM${'a'.repeat(32)}`, From: '+31612345678', Body: 'Ja' };

function sign(url: string, params: Record<string, string> = PARAMS): string {
  return twilio.getExpectedTwilioSignature(TOKEN, url, params);
}

describe('hasValidSignature', () => {
  test.each([
    ['https without port', 'https://ces.example.test', 'https://ces.example.test/twilio/sms'],
    [
      'https, signed with :443',
      'https://ces.example.test',
      'https://ces.example.test:443/twilio/sms',
    ],
    [
      'https :443, signed without',
      'https://ces.example.test:443',
      'https://ces.example.test/twilio/sms',
    ],
    ['http, signed with :80', 'http://ces.example.test', 'http://ces.example.test:80/twilio/sms'],
    [
      'http :80, signed without',
      'http://ces.example.test:80',
      'http://ces.example.test/twilio/sms',
    ],
    ['own port', 'https://ces.example.test:8443', 'https://ces.example.test:8443/twilio/sms'],
    ['path prefix', 'https://ces.example.test/bot/', 'https://ces.example.test/bot/twilio/sms'],
  ])('accepts %s', (_case, publicUrl, urlTwilioSigned) => {
    const signature = sign(urlTwilioSigned);

    const valid = hasValidSignature({
      authToken: TOKEN,
      publicUrl,
      pathAndQuery: '/twilio/sms',
      signature,
      params: PARAMS,
    });

    expect(valid).toBe(true);
  });

  test('accepts a query string as signed', () => {
    const signature = sign('https://ces.example.test/twilio/sms?survey=x');

    const valid = hasValidSignature({
      authToken: TOKEN,
      publicUrl: 'https://ces.example.test',
      pathAndQuery: '/twilio/sms?survey=x',
      signature,
      params: PARAMS,
    });

    expect(valid).toBe(true);
  });

  test.each([
    ['query string dropped', 'https://ces.example.test/twilio/sms', '/twilio/sms?survey=x'],
    [
      'query string changed',
      'https://ces.example.test/twilio/sms?survey=x',
      '/twilio/sms?survey=y',
    ],
    ['other host', 'https://attacker.example.test/twilio/sms', '/twilio/sms'],
    ['other scheme', 'http://ces.example.test/twilio/sms', '/twilio/sms'],
    ['other path', 'https://ces.example.test/twilio/status', '/twilio/sms'],
  ])('rejects %s', (_case, urlTwilioSigned, pathAndQuery) => {
    const signature = sign(urlTwilioSigned);

    const valid = hasValidSignature({
      authToken: TOKEN,
      publicUrl: 'https://ces.example.test',
      pathAndQuery,
      signature,
      params: PARAMS,
    });

    expect(valid).toBe(false);
  });

  test('rejects a changed form field', () => {
    const signature = sign('https://ces.example.test/twilio/sms');

    const valid = hasValidSignature({
      authToken: TOKEN,
      publicUrl: 'https://ces.example.test',
      pathAndQuery: '/twilio/sms',
      signature,
      params: { ...PARAMS, Body: 'Nee' },
    });

    expect(valid).toBe(false);
  });

  test('rejects a missing signature', () => {
    const valid = hasValidSignature({
      authToken: TOKEN,
      publicUrl: 'https://ces.example.test',
      pathAndQuery: '/twilio/sms',
      signature: undefined,
      params: PARAMS,
    });

    expect(valid).toBe(false);
  });
});

describe('parseFormBody', () => {
  test('decodes fields as sent', () => {
    const params = parseFormBody('Body=Ja+graag%21&From=%2B31612345678');

    expect(params).toEqual({ Body: 'Ja graag!', From: '+31612345678' });
  });

  test('keeps bracketed names flat', () => {
    const params = parseFormBody('a%5Bb%5D=c');

    expect(params).toEqual({ 'a[b]': 'c' });
  });

  test('collects a repeated field', () => {
    const params = parseFormBody('MediaUrl=one&MediaUrl=two');

    expect(params).toEqual({ MediaUrl: ['one', 'two'] });
  });

  test('returns nothing for a missing body', () => {
    expect(parseFormBody(undefined)).toEqual({});
  });
});
