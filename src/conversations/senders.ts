import type { OutboundMessage } from '../engine/types';
import type { RespondentAddress } from '../privacy/pseudonym';
import type { Channel } from '../surveys/schema';

/**
 * Sends messages outside a request's response, through a provider's API: invitations, and replies
 * on channels such as Slack whose webhooks are acknowledged before the turn is taken.
 */
export interface OutboundSender {
  readonly channel: Channel;
  /** Turns what an operator typed (a phone number, Slack user id or e-mail) into an address. */
  resolve(recipient: string): Promise<RespondentAddress>;
  send(
    address: RespondentAddress,
    messages: OutboundMessage[],
    options?: SendOptions,
  ): Promise<void>;
}

/** Options of one send, such as what to record with each message. */
export interface SendOptions {
  /** The conversation the messages belong to, so delivery reports can be traced back to it. */
  conversationId?: string;
}

/** The senders of the channels that are switched on. */
export class SenderRegistry {
  private readonly senders = new Map<Channel, OutboundSender>();

  register(sender: OutboundSender): void {
    this.senders.set(sender.channel, sender);
  }

  get(channel: Channel): OutboundSender | undefined {
    return this.senders.get(channel);
  }

  channels(): Channel[] {
    return [...this.senders.keys()];
  }
}
