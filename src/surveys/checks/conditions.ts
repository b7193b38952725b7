import type { FindingList } from '../findings';
import { scaleRange } from '../scales';
import type { Condition, Survey } from '../schema';
import { answerKey, isQuestion, isScaleStep, type QuestionStep } from '../steps';

type AnswerCondition = Extract<Condition, { answer: string }>;

interface ConditionContext {
  survey: Survey;
  stepIndex: number;
  findings: FindingList;
}

/**
 * Checks every `when`: an answer condition may only use the answer of an earlier question, in
 * that question's terms, and a metadata condition may only use a field the privacy block
 * declares. A survey cannot branch on data it does not declare it keeps.
 */
export function checkConditions(survey: Survey, findings: FindingList): void {
  survey.steps.forEach((step, stepIndex) => {
    if (step.when !== undefined) checkCondition(step.when, 'when', { survey, stepIndex, findings });
  });
}

function checkCondition(condition: Condition, field: string, context: ConditionContext): void {
  if ('all' in condition) {
    condition.all.forEach((inner, i) => checkCondition(inner, `${field}.all[${i}]`, context));
  } else if ('any' in condition) {
    condition.any.forEach((inner, i) => checkCondition(inner, `${field}.any[${i}]`, context));
  } else if ('not' in condition) {
    checkCondition(condition.not, `${field}.not`, context);
  } else if ('metadata' in condition) {
    checkMetadataField(condition.metadata, `${field}.metadata`, context);
  } else {
    checkAnswerCondition(condition, field, context);
  }
}

function checkMetadataField(name: string, field: string, context: ConditionContext): void {
  const declared = Object.keys(context.survey.privacy.metadata);
  if (declared.includes(name)) return;

  const list = declared.length > 0 ? declared.join(', ') : 'none';
  context.findings.error(
    { stepIndex: context.stepIndex, field },
    `"${name}" is not declared in privacy.metadata (declared: ${list}); ` +
      'declare it there with the reason it is needed',
  );
}

function checkAnswerCondition(
  condition: AnswerCondition,
  field: string,
  context: ConditionContext,
): void {
  const source = findEarlierQuestion(condition.answer, context);
  if (source === undefined) {
    const location = { stepIndex: context.stepIndex, field: `${field}.answer` };
    context.findings.error(location, explainUnknownAnswer(condition.answer, context));
    return;
  }

  if ('between' in condition) checkBetween(condition.between, source, `${field}.between`, context);
  else checkOneOf(condition.oneOf, source, `${field}.oneOf`, context);
}

function findEarlierQuestion(key: string, context: ConditionContext): QuestionStep | undefined {
  const earlier = context.survey.steps.slice(0, context.stepIndex).filter(isQuestion);
  return earlier.find((step) => answerKey(step) === key);
}

function explainUnknownAnswer(key: string, context: ConditionContext): string {
  const { steps } = context.survey;
  const index = steps.findIndex((step) => step.id === key);
  const step = steps[index];

  if (step !== undefined && step.kind === 'text' && step.saveAs !== undefined) {
    return `the answer to "${key}" is stored as "${step.saveAs}"; use that key`;
  }
  if (step !== undefined && !isQuestion(step)) {
    return `"${key}" is a ${step.kind} step, which has no answer`;
  }
  const laterIndex = steps.findIndex((other) => isQuestion(other) && answerKey(other) === key);
  if (laterIndex >= context.stepIndex) {
    return `"${key}" is answered at index ${laterIndex}; a condition may only use earlier answers`;
  }
  return `"${key}" is not the answer of an earlier step; earlier answers: ${earlierKeys(context)}`;
}

function earlierKeys(context: ConditionContext): string {
  const earlier = context.survey.steps.slice(0, context.stepIndex).filter(isQuestion);
  const keys = [...new Set(earlier.map(answerKey))];
  return keys.length > 0 ? keys.join(', ') : 'none';
}

function checkBetween(
  [from, to]: [number, number],
  source: QuestionStep,
  field: string,
  context: ConditionContext,
): void {
  const location = { stepIndex: context.stepIndex, field };
  if (!isScaleStep(source)) {
    const message = `"${source.id}" is a ${source.kind} step; between needs a ces or rating answer`;
    context.findings.error(location, message);
    return;
  }

  const [min, max] = scaleRange(source);
  if (from > to) {
    context.findings.error(location, `[${from}, ${to}] is empty; write the lower bound first`);
  } else if (from < min || to > max) {
    const message = `[${from}, ${to}] is outside the scale of "${source.id}" (${min} to ${max})`;
    context.findings.error(location, message);
  }
}

function checkOneOf(
  values: Array<string | number | boolean>,
  source: QuestionStep,
  field: string,
  context: ConditionContext,
): void {
  values.forEach((value, index) => {
    const problem = describeImpossibleValue(value, source);
    if (problem === undefined) return;
    context.findings.error({ stepIndex: context.stepIndex, field: `${field}[${index}]` }, problem);
  });
}

/** Returns why `value` can never be the answer to `source`, or undefined when it can. */
function describeImpossibleValue(
  value: string | number | boolean,
  source: QuestionStep,
): string | undefined {
  const quoted = JSON.stringify(value);
  if (isScaleStep(source)) {
    const [min, max] = scaleRange(source);
    const fits =
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
    return fits ? undefined : `${quoted} is not a value of "${source.id}" (${min} to ${max})`;
  }
  if (source.kind === 'choice') {
    const options = source.options.map((option) => option.value);
    if (typeof value === 'string' && options.includes(value)) return undefined;
    return `${quoted} is not an option of "${source.id}" (options: ${options.join(', ')})`;
  }
  if (source.kind === 'yesno') {
    return typeof value === 'boolean'
      ? undefined
      : `${quoted} is not an answer to "${source.id}"; use true or false`;
  }
  return typeof value === 'string'
    ? undefined
    : `${quoted} can never be a text answer; use a string`;
}
