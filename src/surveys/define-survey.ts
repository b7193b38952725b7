import type { SurveyInput } from './schema';

export { cesBands, scaleRange, type Band, type CesBands, type ScaleRange } from './scales';
export {
  validateSurvey,
  type ValidatedSurvey,
  type ValidateSurveyOptions,
} from './validate-survey';

type QuestionKind = 'ces' | 'rating' | 'choice' | 'yesno' | 'text';

type StepsOf<S> = S extends { steps: ReadonlyArray<infer Step> } ? Step : never;

/** Keys under which the survey's answers are stored: the `saveAs` of a text step, or the id. */
type AnswerKeyOf<Step> = Step extends { saveAs: infer Key extends string }
  ? Key
  : Step extends { id: infer Id extends string; kind: QuestionKind }
    ? Id
    : never;

type MetadataFieldOf<S> = S extends { privacy: { metadata?: infer Fields } }
  ? keyof Fields & string
  : never;

/** A `when` condition that may only name the survey's answer keys and declared metadata. */
export type SurveyCondition<AnswerKey extends string, MetadataField extends string> =
  | { answer: AnswerKey; between: [number, number] }
  | { answer: AnswerKey; oneOf: Array<string | number | boolean> }
  | { metadata: MetadataField; oneOf: string[] }
  | { all: Array<SurveyCondition<AnswerKey, MetadataField>> }
  | { any: Array<SurveyCondition<AnswerKey, MetadataField>> }
  | { not: SurveyCondition<AnswerKey, MetadataField> };

/**
 * Narrows each step's `when` to the keys the survey defines. A typo such as
 * `{ answer: 'cesx' }` then fails to compile. Whether the answer comes from an earlier step is
 * left to `validateSurvey`.
 */
type CheckedConditions<S> = {
  steps: ReadonlyArray<{
    when?: SurveyCondition<AnswerKeyOf<StepsOf<S>>, MetadataFieldOf<S>>;
    [field: string]: unknown;
  }>;
};

/**
 * Declares a survey in a dialog file and returns it unchanged. The compiler infers the step ids,
 * `saveAs` keys and metadata fields, and rejects a condition that names none of them. The
 * registry validates the returned definition when it loads the file.
 */
export function defineSurvey<const S extends SurveyInput>(input: S & CheckedConditions<S>): S {
  return input;
}
