import type { types } from '@slack/bolt';

import { renderMessage } from '../../src/engine/render';
import type { OutboundMessage, ScaleChoice } from '../../src/engine/types';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** Prefix of the `action_id` of every answer button: `ces:<stepId>:<value>`. */
export const ANSWER_ACTION_PREFIX = 'ces:';

/**
 * Prefix of the `block_id` of the section that asks a question: `ces-step:<stepId>`. Slack
 * returns block ids in conversations.history, which is how an edited message is matched to the
 * question it answered.
 */
export const QUESTION_BLOCK_PREFIX = 'ces-step:';

/** The `chat.postMessage` fields for one outbound message. */
export interface SlackMessage {
  /** Shown in notifications and by clients that cannot show blocks. */
  text: string;
  blocks: KnownBlock[];
}

/**
 * Renders one message as Block Kit: a section with the text, and an actions block with answer
 * buttons when the engine gives Slack buttons for it. The engine's capability table keeps the
 * text, labels and button count within Block Kit's limits (3,000, 75 and 25).
 */
export function toSlackMessage(message: OutboundMessage): SlackMessage {
  const rendered = renderMessage(message, 'slack');
  const section: KnownBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: escapeMrkdwn(rendered.text) },
    ...(message.stepId && { block_id: QUESTION_BLOCK_PREFIX + message.stepId }),
  };
  if (!message.stepId || !rendered.buttons?.length)
    return { text: rendered.text, blocks: [section] };

  const stepId = message.stepId;
  const actions: KnownBlock = {
    type: 'actions',
    block_id: `ces-answers:${stepId}`,
    elements: rendered.buttons.map((choice) => button(stepId, choice)),
  };
  return { text: rendered.text, blocks: [section, actions] };
}

/** The answer a pressed button stands for; undefined for an action id that is not an answer. */
export function parseAnswerActionId(
  actionId: string,
): { stepId: string; value: string } | undefined {
  if (!actionId.startsWith(ANSWER_ACTION_PREFIX)) return undefined;
  const rest = actionId.slice(ANSWER_ACTION_PREFIX.length);
  const separator = rest.indexOf(':');
  if (separator <= 0) return undefined;
  return { stepId: rest.slice(0, separator), value: rest.slice(separator + 1) };
}

/** The step a posted message asks, read back from its question block's id. */
export function askedStepId(
  blocks: ReadonlyArray<{ block_id?: string }> | undefined,
): string | undefined {
  const question = blocks?.find((block) => block.block_id?.startsWith(QUESTION_BLOCK_PREFIX));
  return question?.block_id?.slice(QUESTION_BLOCK_PREFIX.length);
}

function button(stepId: string, choice: ScaleChoice): Button {
  return {
    type: 'button',
    action_id: `${ANSWER_ACTION_PREFIX}${stepId}:${choice.value}`,
    value: choice.value,
    text: { type: 'plain_text', text: choice.label, emoji: true },
  };
}

/** Slack's mrkdwn treats `&`, `<` and `>` as control characters, so survey texts escape them. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
