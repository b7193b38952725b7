import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';

import type { Env } from '../../src/config/env';
import type { OutboundSender } from '../../src/conversations/senders';
import type { OutboundMessage } from '../../src/engine/types';
import { NotFoundError, ValidationError } from '../../src/errors';
import type { RespondentAddress } from '../../src/privacy/pseudonym';
import { BotIdentityCache } from './bot-identity';
import { slackUserIdSchema } from './inbound';
import { missingSlackSettings } from './routes';
import { openDirectMessage, postMessages } from './replies';
import { createSlackClient } from './web-client';

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
    if (slackUserIdSchema.safeParse(trimmed).success) return { kind: 'slack', team: teamId, user: trimmed };
    if (!z.email().safeParse(trimmed).success) {
      throw new ValidationError('invalid Slack recipient: expected a user id such as U0123ABCD or an e-mail address');
    }
    return { kind: 'slack', team: teamId, user: await this.lookUpByEmail(trimmed) };
  }

  /** Opens the DM with the user and posts the messages in order. */
  async send(address: RespondentAddress, messages: OutboundMessage[]): Promise<void> {
    if (address.kind !== 'slack') throw new ValidationError(`the Slack sender cannot send to a ${address.kind} address`);
    const channel = await openDirectMessage(this.client, address.user);
    await postMessages(this.client, channel, messages);
  }

  private async lookUpByEmail(email: string): Promise<string> {
    try {
      const result = await this.client.users.lookupByEmail({ email });
      if (result.user?.id) return result.user.id;
    } catch (error) {
      if (!isUsersNotFound(error)) throw error;
    }
    // The address is personal data, so the message does not repeat it.
    throw new NotFoundError('no Slack user has this e-mail address: check it, and that the user is in the workspace');
  }
}

/**
 * Creates the Slack sender, or returns undefined when SLACK_SIGNING_SECRET or SLACK_BOT_TOKEN is
 * missing, so that Slack is switched off for invitations as for inbound messages.
 */
export function createSlackSender(env: Env, log: Logger): SlackSender | undefined {
  if (missingSlackSettings(env).length > 0) return undefined;
  const senderLog = log.child({ channel: 'slack' });
  const client = createSlackClient({ token: env.SLACK_BOT_TOKEN ?? '', apiUrl: env.SLACK_API_URL, log: senderLog });
  return new SlackSender(client, new BotIdentityCache(client, senderLog));
}

function isUsersNotFound(error: unknown): boolean {
  const data = (error as { data?: { error?: string } } | undefined)?.data;
  return data?.error === 'users_not_found';
}
