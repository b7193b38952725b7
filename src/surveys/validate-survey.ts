import { SurveyDefinitionError } from '../errors';
import { checkSurveySemantics } from './checks';
import { formatFinding, type Finding } from './findings';
import { surveySchema, type Survey } from './schema';
import { findingsFromZodIssues } from './zod-findings';

export interface ValidateSurveyOptions {
  /** Origin of the definition, such as its file path, put before every problem and warning. */
  source?: string;
}

export interface ValidatedSurvey {
  /** The definition with schema defaults applied. */
  survey: Survey;
  warnings: string[];
}

/**
 * Parses a survey definition with `surveySchema`, then checks what the schema cannot: locales,
 * placeholders, step order, conditions, scales and SMS length.
 *
 * @throws SurveyDefinitionError listing every problem. Problems of the schema are reported
 *   alone, because the other checks need a definition of the right shape.
 */
export function validateSurvey(
  input: unknown,
  options: ValidateSurveyOptions = {},
): ValidatedSurvey {
  const parsed = surveySchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    throw definitionError(input, findingsFromZodIssues(parsed.error.issues, input), options);
  }

  const findings = checkSurveySemantics(parsed.data);
  if (findings.some((finding) => finding.severity === 'error')) {
    throw definitionError(input, findings, options);
  }
  return { survey: parsed.data, warnings: describeFindings(input, findings, options) };
}

function definitionError(
  input: unknown,
  findings: Finding[],
  options: ValidateSurveyOptions,
): SurveyDefinitionError {
  const errors = findings.filter((finding) => finding.severity === 'error');
  const problems = describeFindings(input, errors, options);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((problem) => `  - ${problem}`).join('\n');

  return new SurveyDefinitionError(`invalid survey definition, ${count}:\n${lines}`, problems);
}

function describeFindings(
  input: unknown,
  findings: Finding[],
  options: ValidateSurveyOptions,
): string[] {
  const prefix = options.source === undefined ? '' : `${options.source}: `;
  return findings.map((finding) => prefix + formatFinding(input, finding));
}
