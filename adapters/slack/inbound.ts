import { z } from 'zod';

import type { RespondentAddress } from '../../src/privacy/pseudonym';

/** Slack user ids: `U…`, or `W…` for Enterprise Grid users. */
export const slackUserIdSchema = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user id');

const messageSchema = z.object({
  type: z.literal('message'),
  user: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});

/**
 * The fields of a `message.im` event that ces-bot reads: a new message, or the
 * `message_changed` and `message_deleted` subtypes, which carry the original in
 * `previous_message`.
 */
export const directMessageEventSchema = z.object({
  type: z.literal('message'),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  app_id: z.string().optional(),
  text: z.string().max(40_000).optional(),
  ts: z.string(),
  message: messageSchema.optional(),
  previous_message: messageSchema.optional(),
});
export type DirectMessageEvent = z.infer<typeof directMessageEventSchema>;

/** The envelope of every Events API request; `event_id` is the same on each retry. */
export const eventEnvelopeSchema = z.object({
  type: z.literal('event_callback'),
  team_id: z.string().min(1),
  event_id: z.string().min(1),
  event: z.looseObject({ type: z.string() }),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/**
 * A `block_actions` interaction. `channel` is absent when the button sat in a view, such as the
 * Home tab or a modal, so the reply then goes to a direct message opened for the user.
 */
export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  trigger_id: z.string().min(1),
  user: z.object({ id: slackUserIdSchema, team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  channel: z.object({ id: z.string() }).nullish(),
  actions: z
    .array(
      z.object({
        action_id: z.string().max(255),
        value: z.string().max(2000).optional(),
        action_ts: z.string().optional(),
      }),
    )
    .min(1),
});
export type BlockActions = z.infer<typeof blockActionsSchema>;

export type SlackAddress = Extract<RespondentAddress, { kind: 'slack' }>;

/** Builds the respondent address of a Slack user in a workspace. */
export function slackAddress(user: string, team: string | undefined): SlackAddress {
  return { kind: 'slack', user, ...(team && { team }) };
}

/** Returns the interaction's workspace: `team` for workspace apps, else the user's team. */
export function actionTeam(body: BlockActions): string | undefined {
  return body.team?.id ?? body.user.team_id;
}

/**
 * Turns the text of a Slack message back into what the user typed. Slack escapes `&`, `<` and
 * `>` and wraps links, mentions and e-mail addresses in angle brackets, as `<mailto:a@b.nl|a@b.nl>`
 * or `<@U0123ABCD>`. A mention becomes `@` and its label, or `@user` without one, so a user id
 * never reaches a stored answer.
 */
export function toPlainText(slackText: string): string {
  const unwrapped = slackText.replace(/<([^<>]*)>/g, (_match, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return `@${label ?? 'user'}`;
    if (target.startsWith('#')) return `#${label ?? 'channel'}`;
    if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
    return label ?? target.replace(/^mailto:/, '');
  });
  return unwrapped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
