import type { Step, StepInput } from './schema';

/** Step kinds that ask for an answer; consent and closing steps do not. */
export const QUESTION_KINDS = ['ces', 'rating', 'choice', 'yesno', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export type QuestionStep = Extract<Step, { kind: QuestionKind }>;
export type CesStep = Extract<Step, { kind: 'ces' }>;
export type CesStepInput = Extract<StepInput, { kind: 'ces' }>;
export type RatingStep = Extract<Step, { kind: 'rating' }>;
export type ChoiceStep = Extract<Step, { kind: 'choice' }>;
export type TextStep = Extract<Step, { kind: 'text' }>;

/** Steps whose answer is a number on a scale. */
export type ScaleStep = CesStep | RatingStep;

export function isQuestion(step: Step): step is QuestionStep {
  return (QUESTION_KINDS as readonly string[]).includes(step.kind);
}

export function isScaleStep(step: Step): step is ScaleStep {
  return step.kind === 'ces' || step.kind === 'rating';
}

/**
 * Returns the key an answer to `step` is stored under in the conversation: `saveAs` for a text
 * step that sets it, the step id otherwise.
 */
export function answerKey(step: QuestionStep): string {
  return step.kind === 'text' && step.saveAs !== undefined ? step.saveAs : step.id;
}
