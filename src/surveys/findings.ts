/** A problem found in a survey definition, at a field of the survey or of one of its steps. */
export interface Finding {
  severity: 'error' | 'warning';
  /** Index of the step; absent when the field belongs to the survey itself. */
  stepIndex?: number;
  /** Path of the field, for example `text.en` or `privacy.retentionDays.contact`. */
  field: string;
  /** Description of the fault and of what is allowed. */
  message: string;
}

/** The step and field a finding is about. */
export type FindingLocation = Pick<Finding, 'stepIndex' | 'field'>;

/** Collects findings while the checks run. */
export class FindingList {
  readonly items: Finding[] = [];

  error(location: FindingLocation, message: string): void {
    this.items.push({ severity: 'error', ...location, message });
  }

  warn(location: FindingLocation, message: string): void {
    this.items.push({ severity: 'warning', ...location, message });
  }
}

/** Writes a path such as `['options', 1, 'label', 'en']` as `options[1].label.en`. */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  const text = path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('');
  return text.startsWith('.') ? text.slice(1) : text;
}

/**
 * Writes a finding as one line that names the survey, the step and the field, for example
 * `survey "service-visit", step "ces" (index 1), field text.en: missing`. The survey is passed
 * unvalidated, so that findings about a malformed definition still name what they can.
 */
export function formatFinding(survey: unknown, finding: Finding): string {
  const parts = [`survey ${describeSurveyId(survey)}`];
  if (finding.stepIndex !== undefined) parts.push(describeStep(survey, finding.stepIndex));
  if (finding.field !== '') parts.push(`field ${finding.field}`);

  return `${parts.join(', ')}: ${finding.message}`;
}

function describeSurveyId(survey: unknown): string {
  const id = isRecord(survey) ? survey.id : undefined;
  return typeof id === 'string' && id !== '' ? `"${id}"` : '(without an id)';
}

function describeStep(survey: unknown, index: number): string {
  const steps = isRecord(survey) ? survey.steps : undefined;
  const step: unknown = Array.isArray(steps) ? steps[index] : undefined;
  const id = isRecord(step) ? step.id : undefined;

  return typeof id === 'string' && id !== ''
    ? `step "${id}" (index ${index})`
    : `step index ${index}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
