import type { webApi } from '@slack/bolt';
import { z } from 'zod';

import type { OutboundSender } from '../../src/conversations/senders';
import type { OutboundMessage } from '../../src/engine/types';
import { NotFoundError, ValidationError } from '../../src/errors';
import type { RespondentAddress } from '../../src/privacy/pseudonym';
import type { BotIdentityCache } from './bot-identity';
import { slackUserIdSchema } from './inbound';
import { openDirectMessage, postMessages } from './replies';

/**
 * Web API errors that mean the user cannot get a DM from the bot (conversations.open,
 * chat.postMessage), so the invitation fails with a reason rather than an internal error.
 */
const UNREACHABLE_USER_ERRORS = new Set([
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'users_not_found',
]);

/**
 * Sends surveys to employees as direct messages. A recipient is a Slack user id (`U…`, `W…`) or
 * the e-mail address of their Slack profile, found with users.lookupByEmail.
 */
export class SlackSender implements OutboundSender {
  readonly channel = 'slack' as const;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly identity: BotIdentityCache,
  ) {}

  /**
   * Resolves a user id or e-mail address to an address in the bot's workspace.
   *
   * @throws ValidationError when the recipient is neither; NotFoundError when no user has the
   *   e-mail address.
   */
  async resolve(recipient: string): Promise<RespondentAddress> {
    const trimmed = recipient.trim();
    const { teamId } = await this.identity.get();
    if (slackUserIdSchema.safeParse(trimmed).success)
      return { kind: 'slack', team: teamId, user: trimmed };
    if (!z.email().safeParse(trimmed).success) {
      throw new ValidationError(
        'invalid Slack recipient: expected a user id such as U0123ABCD or an e-mail address',
      );
    }
    const result = await withUserErrors(() => this.client.users.lookupByEmail({ email: trimmed }));
    if (!result.user?.id) throw unreachable('users_not_found');
    return { kind: 'slack', team: teamId, user: result.user.id };
  }

  /**
   * Opens the DM with the user and posts the messages in order.
   *
   * @throws NotFoundError when Slack reports that the user cannot be messaged.
   */
  async send(address: RespondentAddress, messages: OutboundMessage[]): Promise<void> {
    if (address.kind !== 'slack') {
      throw new ValidationError(`the Slack sender cannot send to a ${address.kind} address`);
    }
    const channel = await withUserErrors(() => openDirectMessage(this.client, address.user));
    await withUserErrors(() => postMessages(this.client, channel, messages));
  }
}

/** Turns Slack's "no such user" errors into a NotFoundError; rethrows anything else. */
async function withUserErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { data?: { error?: string } } | undefined)?.data?.error;
    if (code && UNREACHABLE_USER_ERRORS.has(code)) throw unreachable(code);
    throw error;
  }
}

/** Builds the error for an unreachable user, naming Slack's error code and not the user. */
function unreachable(code: string): NotFoundError {
  return new NotFoundError(
    `Slack cannot send this user a direct message (${code}): check the user id or e-mail ` +
      'address, and that the user is active in the workspace',
  );
}
