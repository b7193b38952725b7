import type { LocalizedText, Survey } from './schema';

/** One translatable text of a survey and where it is defined. */
export interface SurveyText {
  /** Index of the step it belongs to; absent for texts outside the steps. */
  stepIndex?: number;
  /** Path to the text within its step, or within the survey, for example `options[1].label`. */
  field: string;
  text: LocalizedText;
  /** Whether the text belongs to a consent step, which may use the privacy placeholders. */
  consent: boolean;
}

/** Lists every translatable text of a survey: steps, labels, options and the privacy purpose. */
export function listSurveyTexts(survey: Survey): SurveyText[] {
  const stepTexts = survey.steps.flatMap((step, stepIndex) => listStepTexts(survey, stepIndex));
  const purpose = { field: 'privacy.purpose', text: survey.privacy.purpose };

  return [...stepTexts, { ...purpose, consent: false }, ...placeholderTexts(survey)];
}

function listStepTexts(survey: Survey, stepIndex: number): SurveyText[] {
  const step = survey.steps[stepIndex];
  if (step === undefined) return [];

  const consent = step.kind === 'consent';
  const parts: Array<{ field: string; text: LocalizedText }> = [];
  if ((step.kind === 'ces' || step.kind === 'rating') && step.labels) {
    parts.push({ field: 'labels.min', text: step.labels.min });
    parts.push({ field: 'labels.max', text: step.labels.max });
  }
  if (step.kind === 'choice') {
    step.options.forEach((option, index) => {
      parts.push({ field: `options[${index}].label`, text: option.label });
    });
  }

  const main = { stepIndex, field: 'text', text: step.text, consent };
  return [main, ...parts.map((part) => ({ stepIndex, ...part, consent }))];
}

function placeholderTexts(survey: Survey): SurveyText[] {
  return Object.entries(survey.placeholders).flatMap(([name, value]) => {
    if (typeof value === 'string') return [];
    return [{ field: `placeholders.${name}`, text: value, consent: false }];
  });
}
