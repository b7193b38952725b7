import twilio from 'twilio';

import { signedUrl } from './request-url';

/** Form fields as sent on the wire; a field repeated in the body has several values. */
export type FormParams = Record<string, string | string[]>;

export interface SignedRequest {
  authToken: string;
  /** PUBLIC_URL, the base of the webhook URLs configured in Twilio. */
  publicUrl: string;
  /** The request's path and raw query string, such as `/twilio/sms?survey=x`. */
  pathAndQuery: string;
  /** The `X-Twilio-Signature` header; a missing header fails. */
  signature: string | undefined;
  params: FormParams;
}

/**
 * Checks `X-Twilio-Signature`: HMAC-SHA1 with the auth token over the URL Twilio called followed
 * by the sorted form fields. twilio-node 6.3's `validateRequest` tries the URL with and without
 * the scheme's standard port (`:443`, `:80`), so PUBLIC_URL may be written either way. The query
 * string is part of the signed URL and must match as received.
 */
export function hasValidSignature(request: SignedRequest): boolean {
  if (!request.signature) return false;

  const url = signedUrl(request.publicUrl, request.pathAndQuery);
  return twilio.validateRequest(request.authToken, request.signature, url, request.params);
}

/**
 * Parses a form-encoded body into its fields, keeping repeated fields as arrays, as Twilio signed
 * them. restify's own form parser would expand bracketed names such as `a[b]` into objects.
 */
export function parseFormBody(rawBody: unknown): FormParams {
  const text = Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody;
  if (typeof text !== 'string') return {};

  const params: FormParams = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = params[name];
    if (previous === undefined) params[name] = value;
    else params[name] = [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return params;
}
