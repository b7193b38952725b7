import { verifySlackRequest } from '@slack/bolt';

/**
 * The maximum distance between a request's timestamp and the server clock, in seconds. Slack's
 * request verification guide and Bolt's `verifySlackRequest` use five minutes, so a captured
 * request cannot be replayed later. ces-bot applies it in both directions.
 */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

export interface SignedRequest {
  signingSecret: string;
  /** The body exactly as received, before any parsing; Slack signs these bytes. */
  rawBody: string;
  /** The `X-Slack-Signature` header, `v0=` and a hex HMAC-SHA256. */
  signature: string | undefined;
  /** The `X-Slack-Request-Timestamp` header, in epoch seconds. */
  timestamp: string | undefined;
  /** Epoch milliseconds. */
  now: number;
}

/** `stale` is a timestamp outside the allowed window; `invalid` is anything else that fails. */
export type SignatureCheck = 'valid' | 'stale' | 'invalid';

/**
 * Checks a request's v0 signature, `HMAC-SHA256(secret, "v0:" + timestamp + ":" + rawBody)`,
 * with Bolt's `verifySlackRequest`, which compares the digests in constant time.
 */
export function checkSlackSignature(request: SignedRequest): SignatureCheck {
  const timestamp = Number(request.timestamp);
  if (!request.signature || !request.timestamp || !Number.isInteger(timestamp)) return 'invalid';
  if (Math.abs(request.now / 1000 - timestamp) > MAX_REQUEST_AGE_SECONDS) return 'stale';

  try {
    verifySlackRequest({
      signingSecret: request.signingSecret,
      body: request.rawBody,
      headers: { 'x-slack-signature': request.signature, 'x-slack-request-timestamp': timestamp },
      nowMilliseconds: request.now,
    });
    return 'valid';
  } catch {
    return 'invalid';
  }
}
