import type { Condition } from '../surveys/schema';
import type { AnswerValue } from './types';

/** The answers and metadata that a step's `when` condition is evaluated against. */
export interface ConditionContext {
  answers: Readonly<Record<string, AnswerValue>>;
  metadata: Readonly<Record<string, string>>;
}

/**
 * Evaluates a `when` condition, where a step without one is always asked. `between` is
 * inclusive and is true only for a numeric answer. `oneOf` compares with strict equality, so the
 * answer 6 does not match "6". A condition on a missing answer or metadata field is false.
 */
export function evaluateCondition(
  condition: Condition | undefined,
  context: ConditionContext,
): boolean {
  if (condition === undefined) return true;
  if ('all' in condition) return condition.all.every((part) => evaluateCondition(part, context));
  if ('any' in condition) return condition.any.some((part) => evaluateCondition(part, context));
  if ('not' in condition) return !evaluateCondition(condition.not, context);
  if ('metadata' in condition) {
    const value = context.metadata[condition.metadata];
    return value !== undefined && condition.oneOf.includes(value);
  }

  const answer = context.answers[condition.answer];
  if ('between' in condition) {
    const [low, high] = condition.between;
    return typeof answer === 'number' && answer >= low && answer <= high;
  }
  return answer !== undefined && condition.oneOf.includes(answer);
}
