import { scaleRange } from '../surveys/scales';
import type { Locale, Step, Survey } from '../surveys/schema';
import type { ScaleStep } from '../surveys/steps';
import { parseChoice } from './parse-choice';
import { parseScale, type ScaleFailure, type ScaleOptions } from './parse-scale';
import { parseText } from './parse-text';
import { parseYesNo } from './parse-yes-no';
import { NO_VALUE, YES_VALUE } from './questions';
import type { EngineTextCode } from './texts';
import type { AnswerValue, InboundEvent } from './types';

/** A reply read against the step it answers: a value, or the re-prompt to send instead. */
export type ReplyReading =
  | { ok: true; value: AnswerValue; raw: string }
  | { ok: false; reprompt: EngineTextCode; extra?: Record<string, string | number> };

type AnswerableStep = Exclude<Step, { kind: 'closing' }>;

const SCALE_REPROMPTS: Record<ScaleFailure, EngineTextCode> = {
  empty: 'reprompt.scale',
  'no-number': 'reprompt.scale',
  'out-of-range': 'reprompt.scale.out-of-range',
  range: 'reprompt.scale.range',
  'other-scale': 'reprompt.scale.other-scale',
  ambiguous: 'reprompt.scale.ambiguous',
};

/**
 * Reads a reply to `step`. Typed text goes through the step kind's parser. A button press must
 * name this step and one of its offered values, so a stale button or a forged value is rejected
 * like any other invalid reply and never becomes an answer.
 */
export function readReply(
  survey: Survey,
  step: AnswerableStep,
  locale: Locale,
  event: InboundEvent,
): ReplyReading {
  if (event.kind === 'action') return readAction(step, event);

  const raw = event.text;
  switch (step.kind) {
    case 'consent':
    case 'yesno':
      return readYesNo(raw);
    case 'ces':
    case 'rating':
      return readScale(raw, scaleOptions(survey, step, locale));
    case 'choice':
      return readChoice(raw, survey, step);
    case 'text':
      return readText(raw, step.maxLength);
  }
}

function readYesNo(raw: string): ReplyReading {
  const answer = parseYesNo(raw);
  if (answer === 'unknown') return { ok: false, reprompt: 'reprompt.yesno' };
  return { ok: true, value: answer === 'yes', raw };
}

function readScale(raw: string, options: ScaleOptions): ReplyReading {
  const parsed = parseScale(raw, options);
  if (!parsed.ok) return { ok: false, reprompt: SCALE_REPROMPTS[parsed.reason] };
  return { ok: true, value: parsed.value, raw };
}

function readChoice(raw: string, survey: Survey, step: Extract<Step, { kind: 'choice' }>) {
  const options = step.options.map((option) => ({
    value: option.value,
    labels: survey.locales.flatMap((locale) => option.label[locale] ?? []),
    synonyms: option.synonyms ?? [],
  }));
  const parsed = parseChoice(raw, options);
  if (parsed.ok) return { ok: true, value: parsed.value, raw } as const;

  const reprompt = parsed.reason === 'ambiguous' ? 'reprompt.choice.ambiguous' : 'reprompt.choice';
  return { ok: false, reprompt } as const;
}

function readText(raw: string, maxLength: number): ReplyReading {
  const parsed = parseText(raw, { maxLength });
  if (parsed.ok) return { ok: true, value: parsed.value, raw };
  if (parsed.reason === 'empty') return { ok: false, reprompt: 'reprompt.text.empty' };
  return { ok: false, reprompt: 'reprompt.text.too-long', extra: { maxLength } };
}

/** Builds the parser options of a scale step; end labels count in every survey locale. */
export function scaleOptions(survey: Survey, step: ScaleStep, locale: Locale): ScaleOptions {
  const [min, max] = scaleRange(step);
  const options: ScaleOptions = { min, max, locale };
  if (step.emoji) options.emoji = step.emoji;
  if (step.labels) {
    const { labels } = step;
    options.labels = {
      min: survey.locales.flatMap((each) => labels.min[each] ?? []),
      max: survey.locales.flatMap((each) => labels.max[each] ?? []),
    };
  }
  return options;
}

function readAction(
  step: AnswerableStep,
  event: Extract<InboundEvent, { kind: 'action' }>,
): ReplyReading {
  const value = event.stepId === step.id ? actionValue(step, event.value) : undefined;
  if (value === undefined) return { ok: false, reprompt: defaultReprompt(step) };
  return { ok: true, value, raw: event.value };
}

function actionValue(step: AnswerableStep, value: string): AnswerValue | undefined {
  switch (step.kind) {
    case 'consent':
    case 'yesno':
      if (value === YES_VALUE || value === NO_VALUE) return value === YES_VALUE;
      return undefined;
    case 'ces':
    case 'rating': {
      const [min, max] = scaleRange(step);
      const score = /^-?\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
      return score >= min && score <= max ? score : undefined;
    }
    case 'choice':
      return step.options.some((option) => option.value === value) ? value : undefined;
    case 'text':
      return undefined;
  }
}

function defaultReprompt(step: AnswerableStep): EngineTextCode {
  switch (step.kind) {
    case 'consent':
    case 'yesno':
      return 'reprompt.yesno';
    case 'ces':
    case 'rating':
      return 'reprompt.scale';
    case 'choice':
      return 'reprompt.choice';
    case 'text':
      return 'reprompt.text.empty';
  }
}
