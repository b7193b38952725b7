import type { Env } from '../../src/config/env';

/**
 * Lists the Slack variables that are not set. Slack is switched on only with both, because the
 * signing secret checks inbound requests and the bot token sends the replies.
 */
export function missingSlackSettings(env: Env): string[] {
  const missing: string[] = [];
  if (!env.SLACK_SIGNING_SECRET) missing.push('SLACK_SIGNING_SECRET');
  if (!env.SLACK_BOT_TOKEN) missing.push('SLACK_BOT_TOKEN');
  return missing;
}
