import { App, type webApi } from '@slack/bolt';
import type { Logger } from 'pino';

import type { TurnService } from '../../src/conversations/turn-service';
import type { SurveyRegistry } from '../../src/surveys/registry';
import { ActionEvents } from './action-events';
import { toBoltLogger } from './bolt-logger';
import { BotIdentityCache } from './bot-identity';
import { publishHomeTab } from './home-tab';
import { eventEnvelopeSchema } from './inbound';
import { MessageEvents } from './message-events';
import { OpenSurveyLookup } from './open-survey';
import { RestifyReceiver } from './restify-receiver';
import { SlackTurns } from './slack-turns';

export interface SlackAppOptions {
  signingSecret: string;
  client: webApi.WebClient;
  turns: TurnService;
  surveys: SurveyRegistry;
  /** The survey a user without a conversation is asked. */
  surveyId: string;
  pseudonymKey: Buffer;
  log: Logger;
}

/**
 * Builds the Bolt app behind `/slack/events` and returns its receiver, whose `handle` is the
 * restify handler. Bolt keeps no state here: its conversation store is off, and the bot's
 * identity comes from one cached `auth.test`.
 */
export function createSlackApp(options: SlackAppOptions): RestifyReceiver {
  const { client, log } = options;
  const receiver = new RestifyReceiver({ signingSecret: options.signingSecret, log });
  const identity = new BotIdentityCache(client, log);
  const app = new App({
    receiver,
    // Bolt's own clients, which these listeners do not use, still talk to the same API URL.
    clientOptions: { slackApiUrl: client.slackApiUrl, allowAbsoluteUrls: false },
    authorize: async () => ({ botToken: client.token, ...(await identity.get()) }),
    convoStore: false,
    // The message listener filters the bot's own messages itself, with a log line saying why.
    ignoreSelf: false,
    logger: toBoltLogger(log),
  });
  app.error(async (error) => {
    log.error({ err: error.original ?? error, code: error.code }, 'slack listener failed');
  });
  registerListeners(app, options, identity);
  return receiver;
}

function registerListeners(app: App, options: SlackAppOptions, identity: BotIdentityCache): void {
  const { client, log } = options;
  const turns = new SlackTurns({ turns: options.turns, client, surveyId: options.surveyId, log });
  const openSurveys = new OpenSurveyLookup(options);
  const messages = new MessageEvents({ turns, client, openSurveys, log });
  const actions = new ActionEvents({ turns, log });

  // Bolt acknowledges Events API requests before listeners run; interactions ack themselves.
  app.event('message', async ({ body }) => {
    const envelope = eventEnvelopeSchema.parse(body);
    await messages.handle(envelope, await identity.get());
  });
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await publishHomeTab(client, event.user, options.surveys.get(options.surveyId));
  });
  app.action({ type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    await actions.handle(body);
  });
}
