import type { Logger } from 'pino';
import type { Next, Request, RequestHandler, Response, Server } from 'restify';

import { missingOutboundSettings } from '../../../adapters/twilio/settings';
import type { Env } from '../../config/env';
import {
  parseInvitation,
  type InvitationResult,
  type InvitationRow,
  type InvitationStatus,
} from '../../conversations/invitation-request';
import { InvitationService } from '../../conversations/invitations';
import { parseInvitationCsv } from '../../conversations/invitations-csv';
import type { SenderRegistry } from '../../conversations/senders';
import type { TurnService } from '../../conversations/turn-service';
import { CesBotError, ChannelDisabledError, ValidationError } from '../../errors';
import type { Channel, Survey } from '../../surveys/schema';
import type { SurveyRegistry } from '../../surveys/registry';

/**
 * Invitations per request. A CSV of 5,000 rows with a locale and two metadata columns is about
 * 150 to 200 KB, within the server's 256 KB body limit.
 */
export const MAX_INVITATION_ROWS = 5000;

const INVITATIONS_PATH = /^\/api\/v1\/surveys\/[^/]+\/invitations\/?$/;

export interface InvitationRouteDeps {
  env: Env;
  turns: TurnService;
  surveys: SurveyRegistry;
  senders: SenderRegistry;
  pseudonymKey: Buffer;
  log: Logger;
  requireAdmin: RequestHandler;
}

/**
 * `POST /api/v1/surveys/:id/invitations`, for admins: starts the survey for each invitation in a
 * JSON body (one `{ channel, to, locale?, metadata? }` or an array of them) or a `text/csv` body
 * with the header `channel,to,locale,<metadata columns>`, and sends its first message. Responds
 * 200 with one result per invitation, in order.
 */
export function registerInvitationRoutes(server: Server, deps: InvitationRouteDeps): void {
  const service = new InvitationService(deps);
  server.pre(keepCsvUnparsed);
  server.post('/api/v1/surveys/:id/invitations', deps.requireAdmin, async (req, res) => {
    const survey = deps.surveys.get(String(req.params.id));
    const rows = readRows(req, survey, deps.log);
    service.checkChannels(survey, rows);
    requireSenders(rows, deps);

    const results = await service.invite(survey, rows);
    const counts = countByStatus(results);
    deps.log.info({ surveyId: survey.id, counts }, 'invitations processed');
    res.send(200, { surveyId: survey.id, counts, results });
  });
}

/** CSV requests whose body reaches the route as text; see {@link keepCsvUnparsed}. */
const csvRequests = new WeakSet<Request>();

/**
 * restify's body parser turns a CSV body into rows itself, but fails the whole request with a
 * 500 on a single row with a wrong field count, and treats backslashes as escapes. So the content
 * type of CSV invitations is switched to plain text before it runs, and the route parses the text.
 */
function keepCsvUnparsed(req: Request, _res: Response, next: Next): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (req.method === 'POST' && type === 'text/csv' && INVITATIONS_PATH.test(req.getPath())) {
    csvRequests.add(req);
    req.headers['content-type'] = 'text/plain; charset=utf-8';
  }
  next();
}

function readRows(req: Request, survey: Survey, log: Logger): InvitationRow[] {
  const rows = csvRequests.has(req)
    ? parseInvitationCsv(typeof req.body === 'string' ? req.body : '', survey, log)
    : readJsonRows(req);
  if (rows.length === 0) {
    throw new ValidationError(
      'no invitations in the request body: send a JSON object, an array of them, or CSV rows',
    );
  }
  if (rows.length > MAX_INVITATION_ROWS) {
    throw new CesBotError(
      'too_many_invitations',
      413,
      `${rows.length} invitations in one request, more than ${MAX_INVITATION_ROWS}: ` +
        'split them over several requests',
    );
  }
  return rows;
}

function readJsonRows(req: Request): InvitationRow[] {
  if (!req.is('json')) {
    throw new CesBotError(
      'unsupported_media_type',
      415,
      'send invitations as application/json or text/csv',
    );
  }
  const body: unknown = req.body;
  const items = Array.isArray(body) ? body : [body];
  return items.map((item, index) => parseInvitation(index + 1, item));
}

/**
 * Checks that every channel of the batch has a sender.
 *
 * @throws ChannelDisabledError (503) naming the unset variables when Twilio cannot send, or
 * ValidationError when a channel has no sender at all, such as web chat.
 */
function requireSenders(rows: readonly InvitationRow[], deps: InvitationRouteDeps): void {
  const channels = new Set<Channel>();
  for (const row of rows) if ('request' in row) channels.add(row.request.channel);

  for (const channel of channels) {
    if (deps.senders.get(channel)) continue;
    if (channel === 'sms' || channel === 'whatsapp') {
      throw new ChannelDisabledError(channel, missingOutboundSettings(deps.env));
    }
    throw new ValidationError(
      `no sender is switched on for ${channel}: invitations need a channel that can write ` +
        'first, such as sms, with its settings set',
    );
  }
}

function countByStatus(results: readonly InvitationResult[]): Record<InvitationStatus, number> {
  const counts = { sent: 0, 'already-open': 0, suppressed: 0, failed: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}
