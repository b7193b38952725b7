import type { Logger } from 'pino';
import twilio from 'twilio';

import { RecipientOptedOutError } from '../../src/conversations/provider-opt-out';
import type { OutboundSender, SendOptions } from '../../src/conversations/senders';
import { renderMessage } from '../../src/engine/render';
import type { OutboundMessage } from '../../src/engine/types';
import { CesBotError, ValidationError } from '../../src/errors';
import { normalizePhone, type RespondentAddress } from '../../src/privacy/pseudonym';
import { recordSent } from './delivery-status';
import { phoneOf, WHATSAPP_PREFIX } from './inbound';

/** Twilio error 21610: the recipient texted STOP to this sender and has not opted in again. */
export const UNSUBSCRIBED_RECIPIENT = 21610;

const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/i;

export interface TwilioSenderOptions {
  channel: 'sms' | 'whatsapp';
  client: twilio.Twilio;
  /**
   * TWILIO_FROM: a phone number, with or without `whatsapp:`, or a Messaging Service SID (MG…),
   * which lets Twilio pick the sender and apply the service's opt-out settings.
   */
  from: string;
  /** The status callback URL; unset sends none. */
  statusCallback?: string;
  log: Logger;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock?: () => number;
}

/** A REST request that Twilio rejected, or that did not reach Twilio. */
export class TwilioApiError extends CesBotError {
  constructor(code: string, status: number, message: string) {
    super(code, status, message);
  }
}

/**
 * Sends SMS or WhatsApp messages through Twilio's Messages API, and links each MessageSid to its
 * conversation so that status callbacks can mark an undelivered invitation.
 */
export class TwilioSender implements OutboundSender {
  readonly channel: 'sms' | 'whatsapp';
  private readonly clock: () => number;

  constructor(private readonly options: TwilioSenderOptions) {
    this.channel = options.channel;
    this.clock = options.clock ?? Date.now;
  }

  /** @throws ValidationError when `recipient` is not a phone number. */
  async resolve(recipient: string): Promise<RespondentAddress> {
    return { kind: 'phone', value: normalizePhone(recipient) };
  }

  /** Sends the messages in order; a failure stops the ones after it. */
  async send(
    address: RespondentAddress,
    messages: OutboundMessage[],
    options: SendOptions = {},
  ): Promise<void> {
    if (address.kind !== 'phone') {
      throw new ValidationError(`${this.channel} sends to phone numbers, not ${address.kind} ids`);
    }
    for (const message of messages) {
      await this.sendOne(normalizePhone(address.value), message, options.conversationId);
    }
  }

  private async sendOne(phone: string, message: OutboundMessage, conversationId?: string) {
    const created = await this.create(phone, renderMessage(message, this.channel).text);
    await recordSent({
      messageSid: created.sid,
      status: created.status,
      channel: this.channel,
      ...(conversationId && { conversationId }),
      at: new Date(this.clock()),
    });
    this.options.log.debug({ messageSid: created.sid, conversationId }, 'twilio message sent');
  }

  private async create(phone: string, body: string) {
    const { client, statusCallback } = this.options;
    try {
      return await client.messages.create({
        ...this.sender(),
        to: this.channel === 'whatsapp' ? WHATSAPP_PREFIX + phone : phone,
        body,
        ...(statusCallback && { statusCallback }),
      });
    } catch (error) {
      throw this.translate(error);
    }
  }

  private sender(): { from: string } | { messagingServiceSid: string } {
    const from = this.options.from;
    if (MESSAGING_SERVICE_SID.test(from)) return { messagingServiceSid: from };
    const number = phoneOf(from);
    return { from: this.channel === 'whatsapp' ? WHATSAPP_PREFIX + number : number };
  }

  /**
   * Turns a failed request into a ces-bot error. Twilio's own message is not passed on or
   * logged, because it can quote the recipient's number (error 21211 does).
   */
  private translate(error: unknown): CesBotError {
    if (error instanceof twilio.RestException) {
      const code = error.code ?? error.status;
      this.options.log.warn({ code, status: error.status }, 'twilio rejected a message');
      if (error.code === UNSUBSCRIBED_RECIPIENT) {
        return new RecipientOptedOutError(this.channel, `Twilio error ${UNSUBSCRIBED_RECIPIENT}`);
      }
      return new TwilioApiError(
        'provider_rejected',
        error.status >= 500 ? 502 : 422,
        `Twilio rejected the message with error ${code}: ` +
          `see https://www.twilio.com/docs/errors/${code}`,
      );
    }
    // The caller logs this failure; the reason is a socket code such as ECONNREFUSED.
    const reason = (error as { code?: unknown }).code ?? (error as Error).name;
    return new TwilioApiError(
      'provider_unreachable',
      502,
      `could not reach the Twilio API (${String(reason)}): check TWILIO_API_URL and the network`,
    );
  }
}
