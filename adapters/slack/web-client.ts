import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

import { toBoltLogger } from './bolt-logger';

/** Slack's Web API; tests point SLACK_API_URL at a loopback fake instead. */
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/** A reply that takes longer than this is retried, then given up, rather than held forever. */
const REQUEST_TIMEOUT_MS = 10_000;

export interface SlackClientOptions {
  token: string;
  apiUrl?: string | undefined;
  log: Logger;
}

/**
 * Creates the Web API client for the bot token. A request that fails on the network or with an
 * HTTP error is retried three times, after 1, 3 and 9 seconds, so a reply is late rather than
 * lost. A rate-limited request waits for Slack's `Retry-After`.
 */
export function createSlackClient(options: SlackClientOptions): webApi.WebClient {
  return new webApi.WebClient(options.token, {
    slackApiUrl: options.apiUrl ?? DEFAULT_SLACK_API_URL,
    logger: toBoltLogger(options.log.child({ component: 'slack-web-api' })),
    timeout: REQUEST_TIMEOUT_MS,
    retryConfig: { retries: 3, factor: 3, minTimeout: 1000, maxTimeout: 9000 },
    // Method names only: a response can never redirect the token to another host.
    allowAbsoluteUrls: false,
  });
}
