import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';

import type { Env } from '../../src/config/env';
import type { TurnService } from '../../src/conversations/turn-service';
import { ChannelDisabledError } from '../../src/errors';
import type { SurveyRegistry } from '../../src/surveys/registry';
import { missingSlackSettings } from './settings';
import { createSlackApp } from './slack-app';
import { createSlackClient } from './web-client';

export interface SlackRouteDeps {
  env: Env;
  turns: TurnService;
  surveys: SurveyRegistry;
  pseudonymKey: Buffer;
  log: Logger;
}

/** The one request URL of the Slack app, for event subscriptions and interactivity alike. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** The work still running after requests were acknowledged: replies being posted. */
export interface SlackWork {
  /** Resolves when the work of every acknowledged request has finished. */
  drain(): Promise<void>;
}

/**
 * `POST /slack/events`: Slack's Events API and interactivity, through Bolt. Without
 * SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN the channel is switched off and the route responds 503.
 * Returns the work to wait for before the database is closed.
 */
export function registerSlackRoutes(server: Server, deps: SlackRouteDeps): SlackWork {
  const log = deps.log.child({ channel: 'slack' });
  const missing = missingSlackSettings(deps.env);
  if (missing.length > 0) {
    log.warn({ missing }, `slack switched off: ${missing.join(' and ')} not set`);
    server.post(SLACK_EVENTS_PATH, async (_req: Request, _res: Response) => {
      throw new ChannelDisabledError('slack', missing);
    });
    return { drain: async () => {} };
  }

  const client = createSlackClient({
    token: deps.env.SLACK_BOT_TOKEN ?? '',
    apiUrl: deps.env.SLACK_API_URL,
    log,
  });
  const receiver = createSlackApp({
    signingSecret: deps.env.SLACK_SIGNING_SECRET ?? '',
    client,
    turns: deps.turns,
    surveys: deps.surveys,
    surveyId: deps.env.SLACK_INBOUND_SURVEY,
    pseudonymKey: deps.pseudonymKey,
    log,
  });
  server.post(SLACK_EVENTS_PATH, receiver.handle);
  return { drain: () => receiver.stop() };
}
