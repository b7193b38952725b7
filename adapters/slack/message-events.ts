import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

import { KEYWORD_PHRASES } from '../../src/engine/keywords';
import type { BotIdentity } from './bot-identity';
import { findCorrectedStep } from './edit-correction';
import {
  directMessageEventSchema,
  slackAddress,
  slackUserIdSchema,
  toPlainText,
  type DirectMessageEvent,
  type EventEnvelope,
} from './inbound';
import type { OpenSurveyLookup } from './open-survey';
import type { SlackInput, SlackTurns } from './slack-turns';

/** Message subtypes that a person typed: plain messages and messages with a file attached. */
const TYPED_SUBTYPES = new Set<string | undefined>([undefined, 'file_share']);

/**
 * A rectify keyword phrase of the engine. It is taken as a turn before the edited text, so the
 * engine reopens the last answer and records the rectification as for a typed "change my answer".
 */
const RECTIFY_PHRASE = KEYWORD_PHRASES.rectify[0] ?? 'change my answer';

export interface MessageEventDeps {
  turns: SlackTurns;
  client: webApi.WebClient;
  openSurveys: OpenSurveyLookup;
  log: Logger;
}

/**
 * Handles `message.im` events: a typed message is a turn, an edit of the latest accepted answer
 * while the survey is open corrects that answer, and everything else is ignored. That includes
 * deletions, other bots' messages and the bot's own.
 */
export class MessageEvents {
  constructor(private readonly deps: MessageEventDeps) {}

  async handle(envelope: EventEnvelope, bot: BotIdentity): Promise<void> {
    const parsed = directMessageEventSchema.safeParse(envelope.event);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.');
      this.deps.log.warn(
        { eventId: envelope.event_id, field },
        'invalid slack message event ignored',
      );
      return;
    }
    const event = parsed.data;
    const ignored = ignoreReason(event, bot);
    if (ignored) {
      this.deps.log.debug({ eventId: envelope.event_id, reason: ignored }, 'slack message ignored');
      return;
    }

    if (event.subtype === 'message_changed') await this.correct(envelope, event, bot);
    else await this.deps.turns.take(typedInput(envelope, event));
  }

  /**
   * Treats an edit as a rectification only when the edited message gave the survey's latest
   * accepted answer. An edit of anything older, or after the survey closed, changes nothing.
   */
  private async correct(
    envelope: EventEnvelope,
    event: DirectMessageEvent,
    bot: BotIdentity,
  ): Promise<void> {
    // ignoreReason has checked that the edited message and its user id are present.
    const edited = { user: event.message?.user ?? '', ts: event.message?.ts ?? '' };
    const address = slackAddress(edited.user, envelope.team_id);
    const stepId = await findCorrectedStep(this.deps.client, bot, {
      ...edited,
      channel: event.channel,
    });
    const kind = stepId ? await this.deps.openSurveys.stepKind(address, stepId) : undefined;
    // Consent is not reopened by an edit, because withdrawing it is what STOP is for.
    if (!stepId || !kind || kind === 'consent') {
      this.deps.log.info(
        { eventId: envelope.event_id },
        'slack message edit is not a correction; ignored',
      );
      return;
    }

    const input = { address, channel: event.channel, deliveryId: envelope.event_id };
    await this.reanswer(input, stepId, toPlainText(event.message?.text ?? ''));
  }

  /**
   * Reopens `stepId` with the engine's rectify keyword, then answers it with the edited text. A
   * retry whose rectify turn was already taken goes straight to the answer.
   */
  private async reanswer(
    input: Omit<SlackInput, 'event'>,
    stepId: string,
    text: string,
  ): Promise<void> {
    const reopened = await this.deps.turns.takeQuietly({
      ...input,
      deliveryId: `${input.deliveryId}:rectify`,
      event: { kind: 'text', text: RECTIFY_PHRASE },
    });
    if (!reopened.duplicate && !reopened.outbound.some((message) => message.stepId === stepId)) {
      // The engine reopened another question than the edited one, so the user answers it anew.
      await this.deps.turns.reply(input, reopened.outbound);
      return;
    }
    await this.deps.turns.take({ ...input, event: { kind: 'text', text } });
  }
}

function typedInput(envelope: EventEnvelope, event: DirectMessageEvent): SlackInput {
  return {
    address: slackAddress(event.user ?? '', envelope.team_id),
    deliveryId: envelope.event_id,
    event: { kind: 'text', text: toPlainText(event.text ?? '') },
    channel: event.channel,
  };
}

/** Returns why an event is not a respondent's message, or undefined when it is one. */
function ignoreReason(event: DirectMessageEvent, bot: BotIdentity): string | undefined {
  if (event.channel_type !== undefined && event.channel_type !== 'im') {
    return 'not a direct message';
  }
  if (event.subtype === 'message_deleted') return 'deleted message';
  if (event.subtype === 'message_changed') return editIgnoreReason(event, bot);
  const author = authorIgnoreReason(event, bot);
  if (author) return author;
  return TYPED_SUBTYPES.has(event.subtype) ? undefined : `subtype ${event.subtype}`;
}

function editIgnoreReason(event: DirectMessageEvent, bot: BotIdentity): string | undefined {
  const edited = event.message;
  if (!edited || !event.previous_message) return 'edit without the message';
  // Link previews and other attachments arrive as edits that leave the text unchanged.
  if (edited.text === event.previous_message.text) return 'edit without a text change';
  return authorIgnoreReason(edited, bot);
}

function authorIgnoreReason(
  message: { user?: string | undefined; bot_id?: string | undefined; subtype?: string | undefined },
  bot: BotIdentity,
): string | undefined {
  if (message.bot_id || message.subtype === 'bot_message') {
    return message.bot_id === bot.botId ? 'own message' : 'bot message';
  }
  if (message.user === bot.botUserId) return 'own message';
  if (!slackUserIdSchema.safeParse(message.user).success) return 'no user id';
  return undefined;
}
