import type { Locale, Survey } from './schema';

/** A `{name}` in a survey text; the name starts with a letter. */
const PLACEHOLDER_PATTERN = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/**
 * Placeholders that consent texts take from the survey's privacy block. Every consent text must
 * use all four, so that a respondent learns who asks, why, for how long and where to read more
 * before answering.
 */
export const PRIVACY_PLACEHOLDERS = [
  'controller',
  'purpose',
  'retentionDays',
  'noticeUrl',
] as const;

/** Returns the placeholder names used in `text`, each once, in order of first use. */
export function findPlaceholders(text: string): string[] {
  const names = [...text.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1] ?? '');
  return [...new Set(names)];
}

/** Replaces each `{name}` that `values` defines; unknown placeholders stay as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? whole) : whole,
  );
}

/** Returns the survey's `placeholders` as plain strings for one locale. */
export function placeholderValues(survey: Survey, locale: Locale): Record<string, string> {
  const entries = Object.entries(survey.placeholders).map(([name, value]) => {
    const text = typeof value === 'string' ? value : (value[locale] ?? '');
    return [name, text] as const;
  });
  return Object.fromEntries(entries);
}

/**
 * Returns the values of the privacy placeholders for one locale. `retentionDays` is the longest
 * term that contact details, free text or scores are kept, because that is how long the answers
 * can still be linked to the respondent. Consent and audit records are kept as evidence and are
 * described in the privacy notice.
 */
export function privacyPlaceholderValues(survey: Survey, locale: Locale): Record<string, string> {
  const { controller, purpose, noticeUrl, retentionDays } = survey.privacy;
  const longest = Math.max(retentionDays.contact, retentionDays.freeText, retentionDays.scores);

  return {
    controller,
    purpose: purpose[locale] ?? '',
    noticeUrl,
    retentionDays: String(longest),
  };
}
