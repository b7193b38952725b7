import { scaleRange } from '../surveys/scales';
import type { Locale, Step, Survey } from '../surveys/schema';
import type { ScaleStep } from '../surveys/steps';
import { resolveText } from './resolve-text';
import { engineText, type EngineTextCode } from './texts';
import type { OutboundMessage, ScaleChoice } from './types';

/**
 * Largest scale offered as choices. No channel shows more buttons than Slack's 25 per actions
 * block, so a longer scale is asked as text everywhere and carries no choice list.
 */
const MAX_SCALE_CHOICES = 25;

/** Button values for yes and no, which action events must carry. */
export const YES_VALUE = 'yes';
export const NO_VALUE = 'no';

/** Builds the message that asks `step`: its text plus what channels need to offer the answers. */
export function askStep(survey: Survey, step: Step, locale: Locale): OutboundMessage {
  const text = resolveText(survey, step.text, locale);
  if (step.kind === 'closing') return { text };
  if (step.kind === 'text') return { text, stepId: step.id };

  return { text, stepId: step.id, ...answerOffer(survey, step, locale) };
}

/**
 * Builds a re-prompt for `step`: the engine text `code` in place of the question, with the same
 * choices and reply hint, so that channels show the buttons again.
 */
export function repromptStep(
  survey: Survey,
  step: Step,
  locale: Locale,
  code: EngineTextCode,
  extra: Readonly<Record<string, string | number>> = {},
): OutboundMessage {
  const question = askStep(survey, step, locale);
  const values = step.kind === 'ces' || step.kind === 'rating' ? scaleValues(step) : {};
  return { ...question, text: engineText(survey, locale, code, { ...values, ...extra }) };
}

type OfferStep = Exclude<Step, { kind: 'closing' | 'text' }>;

function answerOffer(survey: Survey, step: OfferStep, locale: Locale) {
  switch (step.kind) {
    case 'consent':
      return { choices: yesNoChoices(survey, locale), replyHint: hint(survey, locale, 'consent') };
    case 'yesno':
      return { choices: yesNoChoices(survey, locale), replyHint: hint(survey, locale, 'yesno') };
    case 'choice':
      return choiceOffer(survey, step, locale);
    case 'ces':
    case 'rating':
      return scaleOffer(survey, step, locale);
  }
}

function hint(survey: Survey, locale: Locale, kind: 'consent' | 'yesno'): string {
  return engineText(survey, locale, kind === 'consent' ? 'hint.consent' : 'hint.yesno');
}

function yesNoChoices(survey: Survey, locale: Locale): ScaleChoice[] {
  return [
    { value: YES_VALUE, label: engineText(survey, locale, 'button.yes') },
    { value: NO_VALUE, label: engineText(survey, locale, 'button.no') },
  ];
}

/** Text-only channels list the options by number, because a number is the easiest reply. */
function choiceOffer(survey: Survey, step: Extract<Step, { kind: 'choice' }>, locale: Locale) {
  const choices = step.options.map((option) => ({
    value: option.value,
    label: resolveText(survey, option.label, locale),
  }));
  const lines = choices.map((choice, index) => `${index + 1}. ${choice.label}`);
  const replyHint = [...lines, engineText(survey, locale, 'hint.choice')].join('\n');
  return { choices, replyHint };
}

/**
 * Scale buttons carry the number as value and label; the end buttons add the end labels, as in
 * "1 – Strongly disagree".
 */
function scaleOffer(survey: Survey, step: ScaleStep, locale: Locale) {
  const [min, max] = scaleRange(step);
  const minLabel = step.labels && resolveText(survey, step.labels.min, locale);
  const maxLabel = step.labels && resolveText(survey, step.labels.max, locale);
  const replyHint =
    minLabel && maxLabel
      ? engineText(survey, locale, 'hint.scale-labels', { min, max, minLabel, maxLabel })
      : engineText(survey, locale, 'hint.scale', { min, max });
  if (max - min + 1 > MAX_SCALE_CHOICES) return { replyHint };

  const choices: ScaleChoice[] = [];
  for (let value = min; value <= max; value++) {
    let label = String(value);
    if (value === min && minLabel) label = `${value} – ${minLabel}`;
    if (value === max && maxLabel) label = `${value} – ${maxLabel}`;
    choices.push({ value: String(value), label });
  }
  return { choices, replyHint };
}

/** Returns the `{min}` and `{max}` values for a scale step's texts. */
export function scaleValues(step: ScaleStep): { min: number; max: number } {
  const [min, max] = scaleRange(step);
  return { min, max };
}
