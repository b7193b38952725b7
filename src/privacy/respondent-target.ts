import { z } from 'zod';

import { ValidationError } from '../errors';
import { pseudonymize } from './pseudonym';

/**
 * The forms by which an operator names a respondent: a phone number (SMS and WhatsApp), a Slack
 * user id with the workspace id when the Slack adapter stores one, or the pseudonym itself.
 */
export const respondentTargetSchema = z.union([
  z.strictObject({ phone: z.string().trim().min(1) }),
  z.strictObject({
    slackUser: z
      .string()
      .trim()
      .regex(/^[UW][A-Z0-9]{2,}$/i, 'expected a Slack user id such as U012AB3CD'),
    slackTeam: z
      .string()
      .trim()
      .regex(/^T[A-Z0-9]{2,}$/i, 'expected a Slack team id such as T012AB3CD')
      .optional(),
  }),
  z.strictObject({
    pseudonym: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hexadecimal characters'),
  }),
]);
export type RespondentTarget = z.infer<typeof respondentTargetSchema>;

/** The accepted forms, for error and usage messages. */
export const RESPONDENT_TARGET_FORMS =
  '{ "phone": "+31612345678" }, { "slackUser": "U012AB3CD", "slackTeam": "T012AB3CD" } ' +
  '(slackTeam optional) or { "pseudonym": "<64 hex characters>" }';

/**
 * Validates a request body or command-line options that name a respondent.
 *
 * @throws ValidationError that names the invalid field and lists the accepted forms.
 */
export function parseRespondentTarget(input: unknown): RespondentTarget {
  const parsed = respondentTargetSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;

  const problems = closestBranchIssues(parsed.error.issues).map(
    (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
  );
  throw new ValidationError(
    `invalid respondent (${problems.join('; ')}): ` +
      `expected exactly one of ${RESPONDENT_TARGET_FORMS}`,
    problems,
  );
}

/** Picks the union branch with the fewest issues, which is the form the caller meant. */
function closestBranchIssues(issues: readonly z.core.$ZodIssue[]): readonly z.core.$ZodIssue[] {
  const [first] = issues;
  if (issues.length !== 1 || first?.code !== 'invalid_union' || first.errors.length === 0) {
    return issues;
  }
  return first.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
}

/**
 * Returns the pseudonym of the respondent a target names.
 *
 * @throws ValidationError when the phone number is invalid.
 */
export function resolveRespondent(pseudonymKey: Buffer, target: RespondentTarget): string {
  if ('pseudonym' in target) return target.pseudonym;
  if ('phone' in target) return pseudonymize(pseudonymKey, { kind: 'phone', value: target.phone });

  const team = target.slackTeam === undefined ? {} : { team: target.slackTeam };
  return pseudonymize(pseudonymKey, { kind: 'slack', user: target.slackUser, ...team });
}
