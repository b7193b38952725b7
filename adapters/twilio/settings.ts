import type { Logger } from 'pino';

import type { Env } from '../../src/config/env';

/** Variables that sending through the REST API needs; inbound webhooks need only the token. */
const OUTBOUND_SETTINGS = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'] as const;

/** Returns the names of the unset variables that outbound SMS and WhatsApp messages need. */
export function missingOutboundSettings(env: Env): string[] {
  return OUTBOUND_SETTINGS.filter((name) => !env[name]);
}

/**
 * Logs one line when Twilio is switched off entirely (no auth token, so webhooks cannot be
 * verified) or only for outbound messages, naming the variables to set. Logs nothing otherwise.
 */
export function logTwilioSwitches(env: Env, log: Logger): void {
  const missing = missingOutboundSettings(env);
  if (missing.length === 0) return;

  if (!env.TWILIO_AUTH_TOKEN) {
    log.warn({ missing }, 'twilio switched off: webhooks respond 503 and nothing is sent');
  } else {
    log.warn({ missing }, 'twilio outbound messages switched off: invitations cannot be sent');
  }
}
