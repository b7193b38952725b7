import type { Request, RequestHandler, Server } from 'restify';

import { CesBotError } from '../../errors';
import { buildProcessingRecords } from '../../privacy/processing-record';
import { parseRespondentTarget, resolveRespondent } from '../../privacy/respondent-target';
import type { RightsService } from '../../privacy/rights';
import { listSurveys, type SurveySource } from '../../privacy/survey-source';

export interface PrivacyRouteDeps {
  rights: RightsService;
  pseudonymKey: Buffer;
  requireAdmin: RequestHandler;
  /** Survey definitions for the record of processing; without them that route answers 503. */
  surveys?: SurveySource;
}

/**
 * Admin routes for the respondent's rights and the record of processing:
 * `POST /api/v1/privacy/export` and `POST /api/v1/privacy/erase` with a JSON body that names the
 * respondent, and `GET /api/v1/privacy/record`.
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

function respondentOf(req: Request, pseudonymKey: Buffer): string {
  return resolveRespondent(pseudonymKey, parseRespondentTarget(req.body));
}
