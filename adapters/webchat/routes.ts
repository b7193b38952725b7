import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Logger } from 'pino';
import type { Next, Request, Response, Server } from 'restify';
import { z } from 'zod';

import { isOpen } from '../../src/conversations/conversation-store';
import type { TurnOutcome, TurnService } from '../../src/conversations/turn-service';
import { renderMessage } from '../../src/engine/render';
import { NotFoundError, ValidationError } from '../../src/errors';
import type { SurveyRegistry } from '../../src/surveys/registry';

export interface WebchatRouteDeps {
  turns: TurnService;
  surveys: SurveyRegistry;
  /** The survey a page starts when it names none. */
  defaultSurvey: string;
  log: Logger;
}

/** 128 random bits, hex: the only thing that identifies a web chat respondent. */
const sessionSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'expected the session id from /webchat/api/sessions');

const startSchema = z.object({
  survey: z.string().min(1).max(64).optional(),
  locale: z.string().max(35).optional(),
});

const messageSchema = z
  .object({
    session: sessionSchema,
    /** A client-made id per message, so that a resent request is answered once. */
    messageId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
    survey: z.string().min(1).max(64).optional(),
    text: z.string().max(2000).optional(),
    action: z.object({ stepId: z.string().max(64), value: z.string().max(64) }).optional(),
  })
  .refine((body) => (body.text === undefined) !== (body.action === undefined), {
    message: 'send either text or action',
  });

/** The static files sit beside this module in the source tree, and two folders up from `dist/`. */
const PUBLIC_DIR =
  [
    join(__dirname, 'public'),
    join(__dirname, '..', '..', '..', 'adapters', 'webchat', 'public'),
  ].find((dir) => existsSync(dir)) ?? join(__dirname, 'public');

const STATIC_FILES: Record<string, string> = {
  '/webchat': 'index.html',
  '/webchat/widget.js': 'widget.js',
  '/webchat/widget.css': 'widget.css',
};
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** Registers the web chat page, its embeddable widget, and the JSON API they call. */
export function registerWebchatRoutes(server: Server, deps: WebchatRouteDeps): void {
  for (const [path, file] of Object.entries(STATIC_FILES)) {
    const content = readFileSync(join(PUBLIC_DIR, file));
    const type = CONTENT_TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
    server.get(path, (_req: Request, res: Response, next: Next) => {
      res.setHeader('Content-Type', type);
      res.setHeader('Cache-Control', 'no-cache');
      res.sendRaw(200, content);
      next();
    });
  }

  server.post('/webchat/api/sessions', async (req: Request, res: Response) => {
    const body = parse(startSchema, req.body ?? {});
    const surveyId = webchatSurvey(deps, body.survey);
    const session = randomBytes(16).toString('hex');
    const outcome = await deps.turns.start({
      channel: 'webchat',
      address: { kind: 'web', session },
      surveyId,
      ...(body.locale && { locale: body.locale }),
    });
    res.send(200, {
      session,
      survey: surveyId,
      closed: isClosed(outcome),
      messages: rendered(outcome),
    });
  });

  server.post('/webchat/api/messages', async (req: Request, res: Response) => {
    const body = parse(messageSchema, req.body ?? {});
    const outcome = await deps.turns.handle({
      channel: 'webchat',
      address: { kind: 'web', session: body.session },
      deliveryId: deliveryIdOf(body.session, body.messageId),
      event: body.action
        ? { kind: 'action', stepId: body.action.stepId, value: body.action.value }
        : { kind: 'text', text: body.text ?? '' },
      surveyId: webchatSurvey(deps, body.survey),
    });
    res.send(200, {
      duplicate: outcome.duplicate,
      closed: isClosed(outcome),
      messages: rendered(outcome),
    });
  });
}

/**
 * Derives a message's delivery id from a SHA-256 of session and message id, because the session
 * id is the respondent's only identifier and is otherwise stored sealed. A plain hash suffices,
 * since the session's 128 random bits cannot be found by trying inputs.
 */
function deliveryIdOf(session: string, messageId: string): string {
  return createHash('sha256').update(`${session}:${messageId}`).digest('hex');
}

/** True once the conversation takes no more answers, so the widget can disable its input. */
function isClosed(outcome: TurnOutcome): boolean {
  return outcome.status !== undefined && !isOpen(outcome.status);
}

function rendered(outcome: TurnOutcome) {
  return outcome.outbound.map((message) => ({
    ...renderMessage(message, 'webchat'),
    ...(message.stepId && { stepId: message.stepId }),
  }));
}

/** Only surveys that list the web chat channel can be started from a page. */
function webchatSurvey(deps: WebchatRouteDeps, requested: string | undefined): string {
  const id = requested ?? deps.defaultSurvey;
  if (!deps.surveys.has(id) || !deps.surveys.get(id).channels.includes('webchat')) {
    throw new NotFoundError(`survey "${id}" does not exist or is not offered on web chat`);
  }
  return id;
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new ValidationError(`invalid request: ${z.prettifyError(result.error)}`);
  return result.data;
}
