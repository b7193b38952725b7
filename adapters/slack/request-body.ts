import { ValidationError } from '../../src/errors';

/**
 * Parses a request to `/slack/events`. The Events API sends JSON, and interactivity sends a form
 * whose `payload` field contains the JSON. Both are parsed from the raw body, which is what the
 * signature covers.
 */
export function parseSlackBody(rawBody: string, contentType: string): Record<string, unknown> {
  const json =
    contentType === 'application/x-www-form-urlencoded'
      ? new URLSearchParams(rawBody).get('payload')
      : rawBody;
  if (json === null) {
    throw new ValidationError('invalid Slack request: the form has no payload field');
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ValidationError(`invalid Slack request: the ${contentType} body is not valid JSON`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ValidationError('invalid Slack request: expected a JSON object');
  }
  return parsed as Record<string, unknown>;
}
