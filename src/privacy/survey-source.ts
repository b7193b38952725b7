import type { Survey } from '../surveys/schema';

/** Survey definitions for privacy tasks: a plain list, or a registry that lists its surveys. */
export type SurveySource = readonly Survey[] | { list(): readonly Survey[] };

/** Returns the surveys of a source as a list. */
export function listSurveys(source: SurveySource): readonly Survey[] {
  return 'list' in source ? source.list() : source;
}

/** Returns the surveys of a source by id. */
export function surveysById(source: SurveySource): ReadonlyMap<string, Survey> {
  return new Map(listSurveys(source).map((survey) => [survey.id, survey]));
}
