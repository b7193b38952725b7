import type { RequestHandler, Server } from 'restify';
import { z } from 'zod';

import { ValidationError } from '../../errors';
import { buildSurveyReport } from '../../reporting/survey-report';
import type { SurveyRegistry } from '../../surveys/registry';

/** A calendar day in UTC, as rollups are bucketed; `z.iso.date` rejects 2026-02-30. */
const daySchema = z.iso.date({ error: 'expected a UTC day as YYYY-MM-DD' });
const querySchema = z
  .object({
    from: daySchema.optional(),
    to: daySchema.optional(),
    channel: z.string().min(1).optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'from must not be later than to',
  });

/** `GET /api/v1/surveys/:id/report`: the CES report of one survey, for admins. */
export function registerReportRoutes(
  server: Server,
  deps: { surveys: SurveyRegistry; requireAdmin: RequestHandler },
): void {
  server.get('/api/v1/surveys/:id/report', deps.requireAdmin, async (req, res) => {
    const survey = deps.surveys.get(String(req.params.id));
    const query = querySchema.safeParse(req.query ?? {});
    if (!query.success) {
      throw new ValidationError(`invalid report filter: ${z.prettifyError(query.error)}`);
    }
    res.send(200, await buildSurveyReport(survey, stripUndefined(query.data)));
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
