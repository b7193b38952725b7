import type { Logger } from '../log';
import type { Survey } from '../surveys/schema';

/** Maximum length of a kept metadata value in code points; longer values are cut. */
export const MAX_METADATA_VALUE_LENGTH = 200;

/** The name pattern the survey schema allows for declared fields. */
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,40}$/;

/**
 * Keeps only the invitation metadata fields that the survey declares in `privacy.metadata`, as
 * trimmed strings of at most {@link MAX_METADATA_VALUE_LENGTH} characters. Numbers and booleans
 * become strings. Empty values, objects, arrays and null are dropped.
 *
 * Dropped fields are logged at debug by name only, never by value. A name that does not look like
 * a field name is counted instead, because it may be a value put in a key's place.
 */
export function pickDeclaredMetadata(
  survey: Pick<Survey, 'id' | 'privacy'>,
  input: Record<string, unknown>,
  log: Logger,
): Record<string, string> {
  const kept: Record<string, string> = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(input)) {
    const text = Object.hasOwn(survey.privacy.metadata, name) ? toMetadataValue(value) : undefined;
    if (text === undefined) dropped.push(name);
    else kept[name] = text;
  }

  if (dropped.length > 0) logDropped(log, survey.id, dropped);
  return kept;
}

function toMetadataValue(value: unknown): string | undefined {
  const plain = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const text = typeof plain === 'boolean' ? String(plain) : plain;
  if (typeof text !== 'string') return undefined;

  // Cut by code point, so that an emoji at the limit is not split into half a surrogate pair.
  const codePoints = [...text.trim()];
  return codePoints.length === 0
    ? undefined
    : codePoints.slice(0, MAX_METADATA_VALUE_LENGTH).join('');
}

function logDropped(log: Logger, surveyId: string, names: readonly string[]): void {
  const fields = names.filter((name) => FIELD_NAME.test(name));
  const unnamed = names.length - fields.length;
  log.debug({ surveyId, fields, unnamed }, 'undeclared or empty metadata fields dropped');
}
