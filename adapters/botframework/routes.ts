import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';

import type { Env } from '../../src/config/env';
import type { TurnService } from '../../src/conversations/turn-service';
import {
  ChannelDisabledError,
  ConfigError,
  ForbiddenError,
  ValidationError,
} from '../../src/errors';
import type { SurveyRegistry } from '../../src/surveys/registry';
import { inboundActivitySchema, type InboundActivity } from './activity';
import { answerActivity } from './answer-activity';
import { createBotConnector, type BotConnector } from './connector';
import { isLoopbackAddress, isLoopbackUrl } from './loopback';
import { toBotReplies } from './reply';
import { readBotframeworkSettings, type BotframeworkSettings } from './settings';

export interface BotframeworkRouteDeps {
  env: Env;
  turns: TurnService;
  surveys: SurveyRegistry;
  log: Logger;
}

/** The messaging endpoint to enter in the Azure Bot resource and the Emulator. */
export const BOTFRAMEWORK_MESSAGES_PATH = '/api/messages';

/** Activity types that can start or continue a survey. Others are acknowledged with 200. */
const ANSWERED_TYPES = new Set(['message', 'conversationUpdate']);

/**
 * Registers `POST /api/messages`, the Bot Framework messaging endpoint. Requests carry a bearer
 * token from the Bot Framework connector, which is checked against MicrosoftAppId. Replies go
 * back through the connector at the activity's `serviceUrl`.
 *
 * @throws ConfigError when the Microsoft* settings are incomplete, or when they are set and
 *   BOTFRAMEWORK_SURVEY is not a survey offered on Bot Framework.
 */
export function registerBotframeworkRoutes(server: Server, deps: BotframeworkRouteDeps): void {
  const log = deps.log.child({ channel: 'botframework' });
  const settings = readBotframeworkSettings(deps.env);
  logMode(settings, log);
  checkSurveyAtStart(deps, settings, log);
  if (settings.mode === 'disabled') {
    server.post(BOTFRAMEWORK_MESSAGES_PATH, async () => {
      throw new ChannelDisabledError('botframework', ['MicrosoftAppId', 'MicrosoftAppPassword']);
    });
    return;
  }

  const connector = createBotConnector(settings, log);
  server.post(BOTFRAMEWORK_MESSAGES_PATH, async (req: Request, res: Response) => {
    const response = await receiveActivity(req, { ...deps, settings, connector, log });
    if (response.body === undefined) res.send(response.status);
    else res.send(response.status, response.body);
  });
}

interface ReceiveDeps extends BotframeworkRouteDeps {
  settings: BotframeworkSettings;
  connector: BotConnector;
}

/**
 * Authenticates before the activity is validated, so that an unauthenticated caller learns no
 * more about the expected body than that it is a JSON object.
 */
async function receiveActivity(req: Request, deps: ReceiveDeps) {
  const body = requireObject(req.body);
  const authenticated = await deps.connector.authenticate(req.header('authorization') ?? '', body);
  if (!ANSWERED_TYPES.has(String(body.type))) {
    deps.log.debug({ type: String(body.type) }, 'acknowledged activity without a reply');
    return { status: 200 };
  }

  const activity = parseActivity(body);
  if (deps.settings.mode === 'unauthenticated') {
    requireLoopbackCaller(req.socket.remoteAddress, deps.log);
    requireLoopbackServiceUrl(activity, deps.log);
  }
  const surveyId = requireSurvey(deps);
  return deps.connector.process(authenticated, async (send) => {
    const outbound = await answerActivity(activity, { turns: deps.turns, surveyId, log: deps.log });
    // NOTE: Replies are sent after the turn is stored. When sending fails, the request fails with
    // 500, and a redelivery of the same activity is a duplicate, so that reply is never sent.
    await send(toBotReplies(outbound, activity.channelId));
  });
}

function logMode(settings: BotframeworkSettings, log: Logger): void {
  if (settings.mode === 'authenticated') {
    log.info({ appType: settings.appType }, 'botframework authentication on');
  } else if (settings.mode === 'unauthenticated') {
    log.warn(
      'botframework authentication is off because MicrosoftAppId is not set: ' +
        'only activities with a local serviceUrl, as the Emulator sends them, are accepted',
    );
  } else {
    log.warn('botframework switched off: MicrosoftAppId is not set and NODE_ENV is production');
  }
}

/**
 * Stops the start when a configured Azure Bot has no survey to run. Without Microsoft* settings
 * the channel is probably unused, so a missing survey only logs a warning.
 */
function checkSurveyAtStart(
  deps: BotframeworkRouteDeps,
  settings: BotframeworkSettings,
  log: Logger,
) {
  try {
    requireSurvey(deps);
  } catch (error) {
    if (settings.mode === 'authenticated') throw error;
    log.warn({ err: error }, 'botframework messages will fail until BOTFRAMEWORK_SURVEY is fixed');
  }
}

function requireSurvey(deps: BotframeworkRouteDeps): string {
  const id = deps.env.BOTFRAMEWORK_SURVEY;
  if (deps.surveys.has(id) && deps.surveys.get(id).channels.includes('botframework')) return id;

  const offered = deps.surveys.list().filter((survey) => survey.channels.includes('botframework'));
  throw new ConfigError(
    `BOTFRAMEWORK_SURVEY "${id}" is not a loaded survey offered on botframework: ` +
      `set it to one of [${offered.map((survey) => survey.id).join(', ')}], ` +
      "or add botframework to the survey's channels",
  );
}

function requireLoopbackCaller(address: string | undefined, log: Logger): void {
  if (isLoopbackAddress(address)) return;

  log.warn('rejected unauthenticated activity from another machine');
  throw new ForbiddenError(
    'without MicrosoftAppId only a Bot Framework Emulator on this machine may use this bot: ' +
      'set MicrosoftAppId and MicrosoftAppPassword to accept Bot Framework channels',
  );
}

function requireLoopbackServiceUrl(activity: InboundActivity, log: Logger): void {
  if (isLoopbackUrl(activity.serviceUrl)) return;

  log.warn(
    { serviceUrl: activity.serviceUrl },
    'rejected unauthenticated activity for a remote serviceUrl',
  );
  throw new ForbiddenError(
    'without MicrosoftAppId only a local Emulator (serviceUrl on localhost) may use this bot: ' +
      'set MicrosoftAppId and MicrosoftAppPassword to accept Bot Framework channels',
  );
}

function requireObject(body: unknown): Record<string, unknown> {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    return body as Record<string, unknown>;
  }
  throw new ValidationError('invalid request: expected a Bot Framework Activity as a JSON object');
}

function parseActivity(body: Record<string, unknown>): InboundActivity {
  const result = inboundActivitySchema.safeParse(body);
  if (result.success) return result.data;
  throw new ValidationError(`invalid Bot Framework Activity: ${z.prettifyError(result.error)}`);
}
