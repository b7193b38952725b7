// NOTE: This is the only file that imports the Bot Framework SDK (botbuilder 4.23), which
// Microsoft has put under archive notice in favour of the Microsoft 365 Agents SDK. The Agents
// SDK speaks the same Activity protocol, so moving to it means rewriting this file only.
import {
  ActionTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type Activity,
  type CardAction,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
// botbuilder pins botframework-connector to its own version and does not re-export these.
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from 'pino';

import { UnauthorizedError } from '../../src/errors';
import type { BotReply } from './reply';
import type { BotframeworkSettings } from './settings';

/** An activity whose request passed authentication, ready to be processed once. */
export interface AuthenticatedActivity {
  body: Record<string, unknown>;
  authentication: AuthenticateRequestResult;
}

/** Sends replies into the conversation of the activity being processed. */
export type SendReplies = (replies: BotReply[]) => Promise<void>;

/** The HTTP response to the connector's POST. Channels expect 200 for a message. */
export interface ConnectorResponse {
  status: number;
  body?: unknown;
}

/** The routes' interface to a Bot Framework SDK: authentication, then a turn that can reply. */
export interface BotConnector {
  /** @throws UnauthorizedError when the request's token is missing or invalid. */
  authenticate(
    authorization: string,
    body: Record<string, unknown>,
  ): Promise<AuthenticatedActivity>;
  process(
    activity: AuthenticatedActivity,
    handle: (send: SendReplies) => Promise<void>,
  ): Promise<ConnectorResponse>;
}

/**
 * Builds the connector on CloudAdapter. With `unauthenticated` settings the SDK checks no token
 * and sends replies without one, as the Bot Framework Emulator expects.
 */
export function createBotConnector(settings: BotframeworkSettings, log: Logger): BotConnector {
  const authentication = new ConfigurationBotFrameworkAuthentication(sdkConfiguration(settings));
  const adapter = new SurveyCloudAdapter(authentication);

  return {
    async authenticate(authorization, body) {
      try {
        const result = await authentication.authenticateRequest(asActivity(body), authorization);
        return { body, authentication: result };
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        log.warn(
          { reason: error.message, hasAuthorization: authorization !== '' },
          'rejected botframework request',
        );
        throw new UnauthorizedError(
          'missing or invalid Bot Framework token: only the Bot Framework connector of this bot ' +
            '(MicrosoftAppId) may call this endpoint',
        );
      }
    },

    async process(activity, handle) {
      const logic = (context: TurnContext) => handle((replies) => sendReplies(context, replies));
      const invoke = await adapter.processAuthenticated(activity, logic);
      return {
        status: invoke?.status ?? 200,
        ...(invoke?.body !== undefined && { body: invoke.body }),
      };
    },
  };
}

/**
 * CloudAdapter with its turn processing callable after a separate authentication. Its own
 * `process` responds to every failure itself and writes it to the console, so a failed turn could
 * not reach the server's error handling and log.
 */
class SurveyCloudAdapter extends CloudAdapter {
  processAuthenticated(
    activity: AuthenticatedActivity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(activity.authentication, asActivity(activity.body), logic);
  }
}

/**
 * Types the body as the SDK's Activity. The routes check the fields ces-bot reads. The SDK reads
 * the others as the channel sent them, such as the conversation's tenant id for Teams replies.
 */
function asActivity(body: Record<string, unknown>): Activity {
  return body as unknown as Activity;
}

/** Builds the SDK's configuration, whose keys match the environment variable names. */
function sdkConfiguration(settings: BotframeworkSettings): Record<string, string> {
  if (settings.mode !== 'authenticated') return {};
  return {
    MicrosoftAppId: settings.appId,
    MicrosoftAppType: settings.appType,
    ...(settings.appPassword && { MicrosoftAppPassword: settings.appPassword }),
    ...(settings.tenantId && { MicrosoftAppTenantId: settings.tenantId }),
  };
}

/** Sends each reply in order, scales as suggested actions whose value comes back as text. */
async function sendReplies(context: TurnContext, replies: BotReply[]): Promise<void> {
  if (replies.length === 0) return;
  await context.sendActivities(replies.map(toActivity));
}

function toActivity(reply: BotReply): Partial<Activity> {
  if (reply.actions.length === 0) return MessageFactory.text(reply.text);

  const actions: CardAction[] = reply.actions.map((action) => ({
    type: ActionTypes.ImBack,
    title: action.label,
    value: action.value,
  }));
  return MessageFactory.suggestedActions(actions, reply.text);
}
