import { createHash } from 'node:crypto';

import { z } from 'zod';

import type { InboundTurn } from '../../src/conversations/turn-service';
import type { InboundEvent } from '../../src/engine/types';

/** Conversation and user ids. The length limit is this project's choice, to bound hashed input. */
const idSchema = z.string().trim().min(1).max(1024);

const accountSchema = z.looseObject({ id: idSchema });

/**
 * The fields of a Bot Framework Activity that ces-bot reads. The SDK gets the body as sent,
 * with every other field, and copies its conversation reference into the replies.
 * Text has no length limit of its own beyond the server's body limit: the survey's text step
 * decides what is too long.
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().min(1).max(256).optional(),
  channelId: z.string().trim().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({
    id: idSchema,
    isGroup: z.boolean().optional(),
    conversationType: z.string().max(64).optional(),
  }),
  from: accountSchema,
  recipient: accountSchema,
  locale: z.string().max(35).optional(),
  text: z.string().optional(),
  value: z.unknown().optional(),
  membersAdded: z.array(accountSchema).optional(),
});
export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** A press posted back as `value` (messageBack or postBack) instead of as text. */
const actionValueSchema = z.object({
  stepId: z.string().min(1).max(64),
  value: z.string().max(64),
});

/**
 * Turns a message activity into a turn for the engine. A button press posted back as a
 * `{ stepId, value }` value becomes an action, which the engine checks against the current step.
 */
export function toMessageTurn(activity: InboundActivity, surveyId: string): InboundTurn {
  return {
    channel: 'botframework',
    address: { kind: 'botframework', channelId: activity.channelId, userId: activity.from.id },
    ...(activity.id && { deliveryId: deliveryId(activity.conversation.id, activity.id) }),
    event: toEvent(activity),
    surveyId,
    ...(activity.locale && { locale: activity.locale }),
  };
}

/**
 * The users a `conversationUpdate` adds, without the bot itself, which the channel lists among
 * the added members when it joins.
 *
 * NOTE: Not checked against Teams: when a user installs the bot in personal scope, Teams may list
 * only the bot as added. No survey starts then until the user's first message, which starts it.
 */
export function addedUsers(activity: InboundActivity): string[] {
  const added = activity.membersAdded ?? [];
  return added.map((member) => member.id).filter((id) => id !== activity.recipient.id);
}

/**
 * Answers and consent are personal, and a group conversation would show them to every member, so
 * surveys run only in one-to-one conversations.
 */
export function isGroupConversation(activity: InboundActivity): boolean {
  return activity.conversation.isGroup === true;
}

function toEvent(activity: InboundActivity): InboundEvent {
  const action = actionValueSchema.safeParse(activity.value);
  if (action.success) return { kind: 'action', ...action.data };
  return { kind: 'text', text: activity.text ?? '' };
}

/**
 * Activity ids are unique only within a conversation, so the id is scoped by the conversation id.
 * Both are hashed (SHA-256, base64url) because a one-to-one conversation id is as stable as the
 * user id, and storing it would undo the pseudonym. The hash also bounds the stored length.
 */
export function deliveryId(conversationId: string, activityId: string): string {
  return createHash('sha256')
    .update(JSON.stringify([conversationId, activityId]), 'utf8')
    .digest('base64url');
}
