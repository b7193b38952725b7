import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

import type { InboundTurn, TurnOutcome, TurnService } from '../../src/conversations/turn-service';
import type { InboundEvent, OutboundMessage } from '../../src/engine/types';
import type { SlackAddress } from './inbound';
import { openDirectMessage, postMessages } from './replies';

export interface SlackTurnsDeps {
  turns: TurnService;
  client: webApi.WebClient;
  /** The survey a user without a conversation is asked: SLACK_INBOUND_SURVEY. */
  surveyId: string;
  log: Logger;
}

/** A respondent's message or button press, as the Slack listeners hand it over. */
export interface SlackInput {
  address: SlackAddress;
  /** `event_id` for Events API messages, `trigger_id` for interactions. */
  deliveryId: string;
  event: InboundEvent;
  /** The DM channel to reply in; undefined for a Home tab or modal, so a DM is opened. */
  channel?: string | undefined;
}

/**
 * Takes turns for Slack users and posts the replies with `chat.postMessage`. It runs after the
 * request was acknowledged, because a turn and its replies can take longer than the three
 * seconds Slack waits before it retries.
 */
export class SlackTurns {
  constructor(private readonly deps: SlackTurnsDeps) {}

  /** Takes one turn and posts its replies; a duplicate delivery posts nothing. */
  async take(input: SlackInput): Promise<TurnOutcome> {
    const outcome = await this.deps.turns.handle(this.toTurn(input));
    if (outcome.duplicate) {
      this.deps.log.info({ deliveryId: input.deliveryId }, 'duplicate slack delivery ignored');
      return outcome;
    }
    await this.reply(input, outcome.outbound);
    return outcome;
  }

  /** Takes a turn and returns its outcome without posting anything. */
  async takeQuietly(input: SlackInput): Promise<TurnOutcome> {
    return this.deps.turns.handle(this.toTurn(input));
  }

  /** Starts the survey, as the Home tab's button does, unless one is open or the user opted out. */
  async start(input: Omit<SlackInput, 'deliveryId' | 'event'>): Promise<void> {
    const outcome = await this.deps.turns.start({
      channel: 'slack',
      address: input.address,
      surveyId: this.deps.surveyId,
    });
    await this.reply(input, outcome.outbound);
  }

  /** Posts messages to the input's channel, opening a DM with the user when it has none. */
  async reply(
    input: Pick<SlackInput, 'address' | 'channel'>,
    messages: OutboundMessage[],
  ): Promise<void> {
    if (messages.length === 0) return;
    const channel =
      input.channel ?? (await openDirectMessage(this.deps.client, input.address.user));
    await postMessages(this.deps.client, channel, messages);
  }

  private toTurn(input: SlackInput): InboundTurn {
    // NOTE: no locale is passed, so surveys start in their default locale. Slack events do not
    // carry the user's locale; users.info with include_locale would cost a call per message.
    return {
      channel: 'slack',
      address: input.address,
      deliveryId: input.deliveryId,
      event: input.event,
      surveyId: this.deps.surveyId,
    };
  }
}
