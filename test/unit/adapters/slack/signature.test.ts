import { checkSlackSignature, type SignedRequest } from '../../../../adapters/slack/signature';
import { signSlackRequest } from '../../../support/slack-fake';

const SECRET = 'unit-test-signing-secret';
const NOW = Date.UTC(2025, 0, 15, 9, 30, 0);
const NOW_SECONDS = NOW / 1000;
const BODY = '{"type":"event_callback","event_id":"Ev01ABCDEF"}';

function request(overrides: Partial<SignedRequest> = {}): SignedRequest {
  return {
    signingSecret: SECRET,
    rawBody: BODY,
    signature: signSlackRequest(SECRET, NOW_SECONDS, BODY),
    timestamp: String(NOW_SECONDS),
    now: NOW,
    ...overrides,
  };
}

describe('checkSlackSignature', () => {
  test('accepts a correct v0 signature', () => {
    expect(checkSlackSignature(request())).toBe('valid');
  });

  test('accepts a timestamp just inside five minutes', () => {
    const timestamp = NOW_SECONDS - 299;
    const signed = request({
      timestamp: String(timestamp),
      signature: signSlackRequest(SECRET, timestamp, BODY),
    });

    expect(checkSlackSignature(signed)).toBe('valid');
  });

  test.each([
    ['six minutes old', NOW_SECONDS - 360],
    ['six minutes ahead', NOW_SECONDS + 360],
  ])('rejects a timestamp %s as stale', (_case, timestamp) => {
    const signed = request({
      timestamp: String(timestamp),
      signature: signSlackRequest(SECRET, timestamp, BODY),
    });

    expect(checkSlackSignature(signed)).toBe('stale');
  });

  test.each<[string, Partial<SignedRequest>]>([
    ['another secret', { signature: signSlackRequest('another-secret', NOW_SECONDS, BODY) }],
    ['a changed body', { rawBody: BODY.replace('Ev01', 'Ev02') }],
    ['a missing signature', { signature: undefined }],
    ['a missing timestamp', { timestamp: undefined }],
    ['a non-numeric timestamp', { timestamp: 'yesterday' }],
    [
      'an unknown version',
      { signature: signSlackRequest(SECRET, NOW_SECONDS, BODY).replace('v0=', 'v1=') },
    ],
    ['a truncated digest', { signature: signSlackRequest(SECRET, NOW_SECONDS, BODY).slice(0, 40) }],
  ])('rejects %s as invalid', (_case, overrides) => {
    expect(checkSlackSignature(request(overrides))).toBe('invalid');
  });

  test('rejects a signature over another timestamp', () => {
    const signed = request({ signature: signSlackRequest(SECRET, NOW_SECONDS - 1, BODY) });

    expect(checkSlackSignature(signed)).toBe('invalid');
  });
});
