import type { Logger } from 'pino';

import type { Env } from '../../src/config/env';
import type { SenderRegistry } from '../../src/conversations/senders';
import { createTwilioClient } from './api-client';
import { signedUrl, TWILIO_STATUS_PATH } from './request-url';
import { TwilioSender } from './sender';

export interface TwilioSenderDeps {
  env: Env;
  log: Logger;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock?: () => number;
}

/**
 * Registers the SMS and WhatsApp senders when TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and
 * TWILIO_FROM are set; otherwise registers nothing, which `logTwilioSwitches` reports. Without
 * PUBLIC_URL, messages are sent without a status callback.
 */
export function registerTwilioSenders(senders: SenderRegistry, deps: TwilioSenderDeps): void {
  const { env, log, clock } = deps;
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_FROM: from } = env;
  if (!accountSid || !authToken || !from) return;

  const client = createTwilioClient({
    accountSid,
    authToken,
    ...(env.TWILIO_API_URL && { apiUrl: env.TWILIO_API_URL }),
  });
  const statusCallback = env.PUBLIC_URL && signedUrl(env.PUBLIC_URL, TWILIO_STATUS_PATH);
  for (const channel of ['sms', 'whatsapp'] as const) {
    const sender = new TwilioSender({
      channel,
      client,
      from,
      log: log.child({ channel }),
      ...(statusCallback && { statusCallback }),
      ...(clock && { clock }),
    });
    senders.register(sender);
  }
}
