import { RollupModel } from '../storage/models';
import { cesBands, scaleRange } from '../surveys/define-survey';
import type { Survey } from '../surveys/schema';
import { computeCesStatistics, type CesStatistics } from './ces-statistics';

export interface SurveyReport extends CesStatistics {
  surveyId: string;
}

export interface ReportFilter {
  /** Inclusive `YYYY-MM-DD` days, UTC. */
  from?: string;
  to?: string;
  channel?: string;
}

/**
 * Builds a survey's CES report from the anonymous rollups, so it still covers answers whose raw
 * documents retention has removed.
 */
export async function buildSurveyReport(
  survey: Survey,
  filter: ReportFilter = {},
): Promise<SurveyReport> {
  const step = survey.steps.find((candidate) => candidate.kind === 'ces');
  if (step?.kind !== 'ces') {
    // A survey without a CES question has no scores to count.
    return { surveyId: survey.id, n: 0, net: null, mean: null, distribution: {} };
  }

  const counts = await countScores(survey.id, filter);
  const scale = scaleRange(step);
  const bands = cesBands(step);
  const statistics = computeCesStatistics({ counts, scale, ...bands });
  return { surveyId: survey.id, ...statistics };
}

async function countScores(
  surveyId: string,
  filter: ReportFilter,
): Promise<Record<string, number>> {
  const query: Record<string, unknown> = { surveyId };
  if (filter.channel) query.channel = filter.channel;
  if (filter.from || filter.to) {
    query.day = {
      ...(filter.from && { $gte: filter.from }),
      ...(filter.to && { $lte: filter.to }),
    };
  }

  const counts: Record<string, number> = {};
  const rollups = await RollupModel.find(query, { distribution: 1 }).lean().exec();
  for (const rollup of rollups) {
    for (const [value, count] of Object.entries(rollup.distribution ?? {})) {
      counts[value] = (counts[value] ?? 0) + Number(count);
    }
  }
  return counts;
}
