import { rewriteApiUrl } from '../../../../adapters/twilio/api-client';

const MESSAGES = '/2010-04-01/Accounts/AC0/Messages.json';

describe('rewriteApiUrl', () => {
  test.each([
    ['loopback fake', 'http://127.0.0.1:4010', `http://127.0.0.1:4010${MESSAGES}`],
    ['trailing slash', 'http://127.0.0.1:4010/', `http://127.0.0.1:4010${MESSAGES}`],
    [
      'proxy path prefix',
      'https://egress.example.test/twilio',
      `https://egress.example.test/twilio${MESSAGES}`,
    ],
  ])('sends to a %s', (_case, apiUrl, expected) => {
    expect(rewriteApiUrl(`https://api.twilio.com${MESSAGES}`, apiUrl)).toBe(expected);
  });

  test('rewrites a regional host', () => {
    const uri = `https://api.dublin.ie1.twilio.com${MESSAGES}`;

    expect(rewriteApiUrl(uri, 'http://127.0.0.1:4010')).toBe(`http://127.0.0.1:4010${MESSAGES}`);
  });

  test('keeps the URI without an API URL', () => {
    const uri = `https://api.twilio.com${MESSAGES}`;

    expect(rewriteApiUrl(uri, undefined)).toBe(uri);
  });

  test('leaves other Twilio hosts alone', () => {
    const uri = 'https://messaging.twilio.com/v1/Services';

    expect(rewriteApiUrl(uri, 'http://127.0.0.1:4010')).toBe(uri);
  });

  test('does not match a look-alike host', () => {
    const uri = `https://api.twilio.com.attacker.example${MESSAGES}`;

    expect(rewriteApiUrl(uri, 'http://127.0.0.1:4010')).toBe(uri);
  });
});
