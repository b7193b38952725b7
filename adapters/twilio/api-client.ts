import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

/** The REST API's origin, including regional forms such as `api.dublin.ie1.twilio.com`. */
const TWILIO_API_ORIGIN = /^https:\/\/api(\.[a-z0-9-]+)*\.twilio\.com(?=[/?]|$)/i;

/** Bound on one REST request, in milliseconds; twilio-node's default is 30 seconds. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Replaces Twilio's API origin in `uri` with `apiUrl`, keeping any path prefix of `apiUrl`, so
 * `https://api.twilio.com/2010-04-01/...` becomes `<apiUrl>/2010-04-01/...`. Other URIs and an
 * unset `apiUrl` leave `uri` unchanged.
 */
export function rewriteApiUrl(uri: string, apiUrl: string | undefined): string {
  if (!apiUrl) return uri;
  return uri.replace(TWILIO_API_ORIGIN, apiUrl.replace(/\/+$/, ''));
}

/**
 * twilio-node's HTTP client, sending every REST request to TWILIO_API_URL instead of Twilio's
 * own host when that is set: a loopback fake in tests, or an egress proxy in production.
 */
export class ApiUrlRequestClient extends twilio.RequestClient {
  constructor(
    private readonly apiUrl: string | undefined,
    options?: RequestClient.RequestClientOptions,
  ) {
    super(options);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: rewriteApiUrl(opts.uri, this.apiUrl) });
  }
}

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** TWILIO_API_URL; unset sends to Twilio. */
  apiUrl?: string;
}

/**
 * Creates the official REST client. Requests rejected with 429 (too many requests) are retried with
 * twilio-node's backoff; other failures are not retried here.
 */
export function createTwilioClient(options: TwilioClientOptions): twilio.Twilio {
  const httpClient = new ApiUrlRequestClient(options.apiUrl, {
    timeout: REQUEST_TIMEOUT_MS,
    autoRetry: true,
  });
  return twilio(options.accountSid, options.authToken, { httpClient });
}
