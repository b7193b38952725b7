import type { Logger } from 'pino';
import { z } from 'zod';

import { suppressProviderOptOut } from '../../src/conversations/provider-opt-out';
import { pseudonymize } from '../../src/privacy/pseudonym';
import { isKnownStatus, recordStatus } from './delivery-status';
import { channelOf, phoneOf } from './inbound';
import { UNSUBSCRIBED_RECIPIENT } from './sender';

/**
 * The fields of Twilio's message status callback that ces-bot uses. `To` is read only to find
 * the respondent of error 21610 and is never stored.
 */
export const statusCallbackSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'expected a Twilio message SID'),
  MessageStatus: z.string().min(1).max(32),
  To: z.string().min(3).max(64),
  ErrorCode: z
    .string()
    .optional()
    .transform((code) => (code && /^\d+$/.test(code) ? Number(code) : undefined)),
});
export type StatusCallback = z.infer<typeof statusCallbackSchema>;

export interface StatusCallbackDeps {
  pseudonymKey: Buffer;
  log: Logger;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock?: () => number;
}

/**
 * Records a status callback. A failed or undelivered message is marked, so its invitation can
 * be sent again. Error 21610 means the recipient opted out at Twilio, so they are suppressed on
 * every survey and never invited again until they send START.
 */
export async function handleStatusCallback(
  callback: StatusCallback,
  deps: StatusCallbackDeps,
): Promise<void> {
  const { MessageSid: messageSid, MessageStatus: status, ErrorCode: errorCode } = callback;
  const now = (deps.clock ?? Date.now)();
  const channel = channelOf(callback.To);
  if (!isKnownStatus(status)) {
    deps.log.debug({ messageSid, status }, 'unknown twilio message status ignored');
    return;
  }

  const recorded = await recordStatus({
    messageSid,
    status,
    channel,
    at: new Date(now),
    ...(errorCode !== undefined && { errorCode }),
  });
  if (recorded && errorCode !== undefined) {
    deps.log.warn({ messageSid, status, errorCode }, 'twilio reported a delivery error');
  }
  if (errorCode === UNSUBSCRIBED_RECIPIENT) {
    const address = { kind: 'phone' as const, value: phoneOf(callback.To) };
    const respondent = pseudonymize(deps.pseudonymKey, address);
    await suppressProviderOptOut(respondent, channel, now);
  }
}
