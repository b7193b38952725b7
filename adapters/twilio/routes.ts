import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';

import type { Env } from '../../src/config/env';
import type { TurnService } from '../../src/conversations/turn-service';
import {
  ChannelDisabledError,
  ConfigError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../src/errors';
import type { SurveyRegistry } from '../../src/surveys/registry';
import { channelOf, inboundSmsSchema, toTurn, type InboundSms } from './inbound';
import { TWILIO_SMS_PATH, TWILIO_STATUS_PATH } from './request-url';
import { logTwilioSwitches } from './settings';
import { hasValidSignature, parseFormBody, type FormParams } from './signature';
import { handleStatusCallback, statusCallbackSchema } from './status-callback';
import { renderTwiml } from './twiml';

export { TWILIO_SMS_PATH, TWILIO_STATUS_PATH };

export interface TwilioRouteDeps {
  env: Env;
  turns: TurnService;
  surveys: SurveyRegistry;
  pseudonymKey: Buffer;
  log: Logger;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock?: () => number;
}

/**
 * Registers `POST /twilio/sms`, Twilio's inbound message webhook for SMS and WhatsApp, which
 * responds with TwiML, and `POST /twilio/status` for message status callbacks. Both require a
 * valid `X-Twilio-Signature`, computed by Twilio over the public URL and the form fields, and
 * respond 503 without an auth token.
 */
export function registerTwilioRoutes(server: Server, deps: TwilioRouteDeps): void {
  const log = deps.log.child({ channel: 'twilio' });
  logTwilioSwitches(deps.env, log);

  server.post(TWILIO_SMS_PATH, async (req: Request, res: Response) => {
    const sms = parseWebhook(inboundSmsSchema, verifiedParams(req, deps.env, log));
    const outcome = await deps.turns.handle(toTurn(sms, inboundSurvey(req, sms, deps)));

    // Advanced Opt-Out has already replied to a message it classified, so ces-bot stays silent
    // rather than send a second confirmation.
    const replies = sms.OptOutType ? [] : outcome.outbound;
    res.setHeader('Content-Type', 'text/xml');
    res.sendRaw(200, renderTwiml(replies, channelOf(sms.From)));
  });

  server.post(TWILIO_STATUS_PATH, async (req: Request, res: Response) => {
    const callback = parseWebhook(statusCallbackSchema, verifiedParams(req, deps.env, log));
    await handleStatusCallback(callback, { ...deps, log });
    res.send(204);
  });
}

/**
 * Returns the survey a message starts when its sender has no open conversation: the webhook
 * URL's `survey` query parameter, so that each number can run its own survey, else
 * SMS_INBOUND_SURVEY.
 */
function inboundSurvey(req: Request, sms: InboundSms, deps: TwilioRouteDeps): string {
  const requested: unknown = (req.query as Record<string, unknown> | undefined)?.survey;
  const surveyId = requested === undefined ? deps.env.SMS_INBOUND_SURVEY : requested;
  if (typeof surveyId !== 'string' || !deps.surveys.has(surveyId)) {
    throw new NotFoundError(
      `unknown survey ${JSON.stringify(surveyId)} for Twilio messages: ` +
        'check the survey parameter of the webhook URL, or SMS_INBOUND_SURVEY',
    );
  }

  const channel = channelOf(sms.From);
  if (!deps.surveys.get(surveyId).channels.includes(channel)) {
    throw new ValidationError(
      `survey ${surveyId} does not run on ${channel}: add it to the survey's channels`,
    );
  }
  return surveyId;
}

function verifiedParams(req: Request, env: Env, log: Logger): FormParams {
  const authToken = env.TWILIO_AUTH_TOKEN;
  if (!authToken) throw new ChannelDisabledError('twilio', ['TWILIO_AUTH_TOKEN']);
  if (!env.PUBLIC_URL) {
    throw new ConfigError('PUBLIC_URL is not set; Twilio signatures cannot be checked without it');
  }

  const params = parseFormBody(req.rawBody);
  const signature = req.header('x-twilio-signature') || undefined;
  // The request target as received, with the query string encoded as Twilio signed it.
  const pathAndQuery = req.url ?? req.getPath();
  const publicUrl = env.PUBLIC_URL;
  if (!hasValidSignature({ authToken, publicUrl, pathAndQuery, signature, params })) {
    log.warn({ path: req.getPath(), hasSignature: Boolean(signature) }, 'rejected twilio request');
    throw new ForbiddenError(
      `invalid X-Twilio-Signature for ${env.PUBLIC_URL}${req.getPath()}: check TWILIO_AUTH_TOKEN ` +
        'and that PUBLIC_URL matches the webhook URL set in Twilio',
    );
  }
  return params;
}

function parseWebhook<T extends z.ZodType>(schema: T, params: FormParams): z.infer<T> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new ValidationError(`invalid Twilio webhook: ${field}: ${issue?.message}`);
  }
  return parsed.data;
}
