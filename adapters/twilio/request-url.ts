/** Paths of the inbound message webhook (SMS and WhatsApp) and of the status callback. */
export const TWILIO_SMS_PATH = '/twilio/sms';
export const TWILIO_STATUS_PATH = '/twilio/status';

/**
 * Returns the URL Twilio signed: the configured public base URL plus the path and query string
 * exactly as received. Host, scheme and port are never taken from request headers, which a caller
 * controls. A path in the base URL is kept, for a proxy that serves ces-bot under a prefix.
 */
export function signedUrl(publicUrl: string, pathAndQuery: string): string {
  return publicUrl.replace(/\/+$/, '') + pathAndQuery;
}
