import { z } from 'zod';

import type { InboundTurn } from '../../src/conversations/turn-service';
import type { Channel } from '../../src/surveys/schema';

/**
 * The fields of Twilio's inbound message webhook that ces-bot uses. Twilio sends many more
 * (geography, media, WhatsApp profile names), which are ignored so that they are never stored.
 */
export const inboundSmsSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'expected a Twilio message SID'),
  From: z.string().min(3).max(64),
  To: z.string().min(3).max(64),
  Body: z.string().max(1600).default(''),
  /**
   * Set by Twilio's Advanced Opt-Out when the message is one of its opt-out, opt-in or help
   * keywords, in any language configured there. Twilio has then already replied to the sender.
   */
  OptOutType: z.enum(['STOP', 'START', 'HELP']).optional(),
});
export type InboundSms = z.infer<typeof inboundSmsSchema>;

/** Twilio's address prefix for WhatsApp senders and recipients, as in `whatsapp:+31612345678`. */
export const WHATSAPP_PREFIX = 'whatsapp:';

/** The text the engine recognises for each Advanced Opt-Out type. */
const OPT_OUT_KEYWORDS: Record<NonNullable<InboundSms['OptOutType']>, string> = {
  STOP: 'STOP',
  START: 'START',
  HELP: 'HELP',
};

/** Returns 'whatsapp' for a `whatsapp:` address and 'sms' for a plain phone number. */
export function channelOf(address: string): Extract<Channel, 'sms' | 'whatsapp'> {
  return address.startsWith(WHATSAPP_PREFIX) ? 'whatsapp' : 'sms';
}

/** Returns the phone number of a Twilio address without its `whatsapp:` prefix. */
export function phoneOf(address: string): string {
  return address.startsWith(WHATSAPP_PREFIX) ? address.slice(WHATSAPP_PREFIX.length) : address;
}

/**
 * Turns a verified webhook into a turn for the engine. A message that Advanced Opt-Out classified
 * becomes the engine's own keyword, so that a configured synonym (say, ARRET) stops the survey
 * as STOP does. The body of such a message is not passed on.
 */
export function toTurn(sms: InboundSms, surveyId: string): InboundTurn {
  const text = sms.OptOutType ? OPT_OUT_KEYWORDS[sms.OptOutType] : sms.Body;
  return {
    channel: channelOf(sms.From),
    address: { kind: 'phone', value: phoneOf(sms.From) },
    deliveryId: sms.MessageSid,
    event: { kind: 'text', text },
    surveyId,
  };
}
