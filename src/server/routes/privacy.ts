import type { Request, RequestHandler, Server } from 'restify';
import { z } from 'zod';

import { CesBotError, ValidationError } from '../../errors';
import { buildProcessingRecords } from '../../privacy/processing-record';
import { parseRespondentTarget, resolveRespondent } from '../../privacy/respondent-target';
import type { RightsService } from '../../privacy/rights';
import { listSurveys, type SurveySource } from '../../privacy/survey-source';

export interface PrivacyRouteDeps {
  rights: RightsService;
  pseudonymKey: Buffer;
  requireAdmin: RequestHandler;
  /** Survey definitions for the record of processing; without them that route responds with 503. */
  surveys?: SurveySource;
}

/**
 * Admin routes for the respondent's rights and the record of processing:
 * `POST /api/v1/privacy/export` and `POST /api/v1/privacy/erase` with a JSON body that names the
 * respondent, `POST /api/v1/privacy/rectify` with `{ answerId, score }`, and
 * `GET /api/v1/privacy/record`.
 */
export function registerPrivacyRoutes(server: Server, deps: PrivacyRouteDeps): void {
  server.post('/api/v1/privacy/export', deps.requireAdmin, async (req, res) => {
    const respondent = respondentOf(req, deps.pseudonymKey);
    res.send(200, await deps.rights.exportData(respondent));
  });

  server.post('/api/v1/privacy/erase', deps.requireAdmin, async (req, res) => {
    const respondent = respondentOf(req, deps.pseudonymKey);
    res.send(200, { erased: await deps.rights.erase(respondent, 'admin') });
  });

  server.post('/api/v1/privacy/rectify', deps.requireAdmin, async (req, res) => {
    const { answerId, score } = parseRectification(req.body);
    res.send(200, await deps.rights.rectifyScore(answerId, score));
  });

  server.get('/api/v1/privacy/record', deps.requireAdmin, async (_req, res) => {
    if (!deps.surveys) {
      throw new CesBotError(
        'record_unavailable',
        503,
        'the record of processing is unavailable: the server was started without surveys',
      );
    }
    res.send(200, { records: buildProcessingRecords(listSurveys(deps.surveys)) });
  });
}

const rectificationSchema = z.strictObject({
  answerId: z.string().min(1),
  score: z.number().int(),
});

function parseRectification(body: unknown): z.infer<typeof rectificationSchema> {
  const parsed = rectificationSchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;

  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
  );
  throw new ValidationError(
    `invalid rectification (${problems.join('; ')}): ` +
      'expected { "answerId": "<id>", "score": <whole number> }',
    problems,
  );
}

function respondentOf(req: Request, pseudonymKey: Buffer): string {
  return resolveRespondent(pseudonymKey, parseRespondentTarget(req.body));
}
