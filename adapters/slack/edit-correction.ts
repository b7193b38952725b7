import type { webApi } from '@slack/bolt';

import { askedStepId } from './blocks';
import type { BotIdentity } from './bot-identity';

/** History entries read on each side of an edited message; a survey DM is short. */
const HISTORY_LIMIT = 50;

interface HistoryMessage {
  user?: string;
  bot_id?: string;
  blocks?: Array<{ block_id?: string }>;
}

export interface EditedMessage {
  /** The DM channel. */
  channel: string;
  /** The `ts` of the message that was edited, not of the edit. */
  ts: string;
  /** The respondent's Slack user id. */
  user: string;
}

/**
 * Returns the step whose answer an edited message gave, or undefined when the edit cannot be a
 * correction. That needs two facts from the DM's history: the edited message is the
 * respondent's latest, and it was accepted, which shows as the bot asking a different step next
 * than the one it asked before. A rejected reply is followed by the same question again.
 */
export async function findCorrectedStep(
  client: webApi.WebClient,
  bot: BotIdentity,
  edited: EditedMessage,
): Promise<string | undefined> {
  const later = await readHistory(client, { channel: edited.channel, oldest: edited.ts });
  if (later.some((message) => isFromRespondent(message, edited.user))) return undefined;

  const earlier = await readHistory(client, { channel: edited.channel, latest: edited.ts });
  const answeredStep = firstQuestion(earlier, bot);
  // History lists the newest message first; reversed, its first question is the one asked next.
  const nextStep = firstQuestion([...later].reverse(), bot);
  if (!answeredStep || !nextStep || answeredStep === nextStep) return undefined;
  return answeredStep;
}

async function readHistory(
  client: webApi.WebClient,
  range: { channel: string; oldest?: string; latest?: string },
): Promise<HistoryMessage[]> {
  // `oldest` and `latest` are exclusive unless `inclusive` is set, so the edited message itself
  // is in neither list.
  const result = await client.conversations.history({ ...range, limit: HISTORY_LIMIT });
  return (result.messages ?? []) as HistoryMessage[];
}

function firstQuestion(messages: HistoryMessage[], bot: BotIdentity): string | undefined {
  for (const message of messages) {
    const fromBot = message.bot_id === bot.botId || message.user === bot.botUserId;
    const stepId = fromBot ? askedStepId(message.blocks) : undefined;
    if (stepId) return stepId;
  }
  return undefined;
}

function isFromRespondent(message: HistoryMessage, user: string): boolean {
  return message.user === user && !message.bot_id;
}
