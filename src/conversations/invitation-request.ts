import { z } from 'zod';

import { channelSchema } from '../surveys/schema';

/** One invitation as an operator sends it: JSON fields or one CSV row. */
export const invitationRequestSchema = z.object({
  channel: channelSchema,
  /** A phone number, Slack user id or e-mail address, as the channel's sender accepts it. */
  to: z.string().trim().min(1, 'missing recipient').max(254),
  locale: z.string().trim().max(35).optional(),
  /** Fields the survey does not declare are dropped by the turn service. */
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type InvitationRequest = z.infer<typeof invitationRequestSchema>;

/** One numbered invitation of a batch: parsed, or the reason it could not be parsed. */
export type InvitationRow =
  { row: number; request: InvitationRequest } | { row: number; error: string };

/** Validates one invitation; a problem becomes the row's error rather than an exception. */
export function parseInvitation(row: number, input: unknown): InvitationRow {
  const parsed = invitationRequestSchema.safeParse(input);
  if (parsed.success) return { row, request: parsed.data };

  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.join('.');
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  return { row, error: `invalid invitation: ${problems.join('; ')}` };
}

export type InvitationStatus = 'sent' | 'already-open' | 'suppressed' | 'failed';

export interface InvitationResult {
  /** The invitation's number in the request, counting from 1; a CSV header is not counted. */
  row: number;
  status: InvitationStatus;
  conversationId?: string;
  error?: string;
}
