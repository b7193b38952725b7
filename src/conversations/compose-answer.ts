import type { AnswerValue, ConversationState } from '../engine/types';
import type { KeyRing } from '../privacy/key-ring';
import { scrubFreeText } from '../privacy/scrub';
import { effortBand, type EffortBand } from '../surveys/scales';
import type { Survey } from '../surveys/schema';

export interface ComposedAnswer {
  surveyId: string;
  channel: string;
  conversationId: string;
  respondent: string;
  locale: string;
  score?: number;
  band?: EffortBand;
  values: Record<string, AnswerValue>;
  text?: string;
  metadata: Record<string, string>;
  completedAt: Date;
}

export interface ComposeInput {
  survey: Survey;
  state: ConversationState;
  answers: Record<string, AnswerValue>;
  raw: Record<string, string>;
  respondent: string;
  conversationId: string;
  now: number;
}

/**
 * Splits a finished conversation into the stored answer: scores and choices in plain form, free
 * text scrubbed of identifiers and sealed together with the raw replies.
 */
export function composeAnswer(input: ComposeInput, keyRing: KeyRing): ComposedAnswer {
  const textKeys = freeTextKeys(input.survey);
  const values: Record<string, AnswerValue> = {};
  const texts: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.answers)) {
    if (textKeys.has(key)) texts[key] = scrubFreeText(String(value)).text;
    else values[key] = value;
  }

  const raw = Object.fromEntries(
    Object.entries(input.raw).map(([key, reply]) => [key, scrubFreeText(reply).text]),
  );
  const hasText = Object.keys(texts).length > 0 || Object.keys(raw).length > 0;
  const answer: ComposedAnswer = {
    surveyId: input.survey.id,
    channel: input.state.channel,
    conversationId: input.conversationId,
    respondent: input.respondent,
    locale: input.state.locale,
    values,
    metadata: input.state.metadata,
    completedAt: new Date(input.now),
  };
  if (hasText) answer.text = keyRing.seal(JSON.stringify({ answers: texts, raw }));
  return { ...answer, ...scoreOf(input.survey, values) };
}

/** Returns the CES score and its effort band, taken from the survey's first CES step. */
export function scoreOf(survey: Survey, values: Record<string, AnswerValue>) {
  const step = survey.steps.find((candidate) => candidate.kind === 'ces');
  if (!step || step.kind !== 'ces') return {};
  const score = values[step.id];
  if (typeof score !== 'number') return {};
  return { score, band: effortBand(step, score) };
}

function freeTextKeys(survey: Survey): Set<string> {
  const keys = new Set<string>();
  for (const step of survey.steps) {
    if (step.kind === 'text') keys.add(step.saveAs ?? step.id);
  }
  return keys;
}
