import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

/** The bot's ids in its workspace, from `auth.test`. */
export interface BotIdentity {
  /** The bot user's id (`U…`), the `user` of the messages it posts. */
  botUserId: string;
  /** The bot's id (`B…`), the `bot_id` of the messages it posts. */
  botId: string;
  /** The workspace the token belongs to. */
  teamId: string;
}

/**
 * Calls `auth.test` once and keeps the result. A failed call is not kept, so the next event
 * tries again rather than every later event failing on one network error at start-up.
 */
export class BotIdentityCache {
  private pending: Promise<BotIdentity> | undefined;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  get(): Promise<BotIdentity> {
    this.pending ??= this.fetch().catch((error: unknown) => {
      this.pending = undefined;
      this.log.error({ err: error }, 'slack auth.test failed: check SLACK_BOT_TOKEN');
      throw error;
    });
    return this.pending;
  }

  private async fetch(): Promise<BotIdentity> {
    const result = await this.client.auth.test();
    if (!result.user_id || !result.bot_id || !result.team_id) {
      throw new Error(
        'slack auth.test returned no user_id, bot_id or team_id: ' +
          'check that SLACK_BOT_TOKEN is a bot token (xoxb-)',
      );
    }
    this.log.info({ team: result.team_id, botId: result.bot_id }, 'slack bot identified');
    return { botUserId: result.user_id, botId: result.bot_id, teamId: result.team_id };
  }
}
