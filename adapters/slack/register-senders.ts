import type { Logger } from 'pino';

import type { Env } from '../../src/config/env';
import type { SenderRegistry } from '../../src/conversations/senders';
import { BotIdentityCache } from './bot-identity';
import { missingSlackSettings } from './settings';
import { SlackSender } from './slack-sender';
import { createSlackClient } from './web-client';

/**
 * Registers the Slack sender when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set; otherwise
 * registers nothing, as Slack is then switched off (which `registerSlackRoutes` logs).
 */
export function registerSlackSender(
  senders: SenderRegistry,
  deps: { env: Env; log: Logger },
): void {
  if (missingSlackSettings(deps.env).length > 0) return;

  const log = deps.log.child({ channel: 'slack' });
  const client = createSlackClient({
    token: deps.env.SLACK_BOT_TOKEN ?? '',
    apiUrl: deps.env.SLACK_API_URL,
    log,
  });
  senders.register(new SlackSender(client, new BotIdentityCache(client, log)));
}
