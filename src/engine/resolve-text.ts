import { createHash } from 'node:crypto';

import {
  fillPlaceholders,
  placeholderValues,
  privacyPlaceholderValues,
} from '../surveys/placeholders';
import type { Locale, LocalizedText, Survey } from '../surveys/schema';

/**
 * Returns the values for `{name}` placeholders in one locale. The privacy values (`controller`,
 * `purpose`, `noticeUrl`, `retentionDays`) take precedence over the survey's own placeholders,
 * so that a survey cannot restate a legal fact differently. `extra` overrides both.
 * `retentionDays` is the maximum of the contact, free-text and score terms, because that is how
 * long answers can still be linked to the respondent.
 */
export function placeholderMap(
  survey: Survey,
  locale: Locale,
  extra: Readonly<Record<string, string | number>> = {},
): Record<string, string> {
  const extraValues = Object.fromEntries(
    Object.entries(extra).map(([name, value]) => [name, String(value)]),
  );
  return {
    ...placeholderValues(survey, locale),
    ...privacyPlaceholderValues(survey, locale),
    ...extraValues,
  };
}

/**
 * Picks the text for `locale`, falling back to the survey's default locale, and fills its
 * placeholders. Privacy placeholders work in every text, not only in consent texts. A
 * placeholder without a value stays as written, because validating them is the survey
 * definition's job.
 */
export function resolveText(
  survey: Survey,
  text: LocalizedText,
  locale: Locale,
  extra: Readonly<Record<string, string | number>> = {},
): string {
  const template = text[locale] ?? text[survey.defaultLocale] ?? Object.values(text)[0] ?? '';
  return fillPlaceholders(template, placeholderMap(survey, locale, extra));
}

/** Returns the SHA-256 of a text as UTF-8, in lowercase hex, as consent records store it. */
export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
