import type { Locale, Survey } from '../surveys/schema';

/**
 * The respondent's locale: from invitation metadata, else what the channel reports (such as a
 * browser's or Slack user's language, `nl-NL` counting as `nl`), else the survey's default.
 */
export function pickLocale(survey: Survey, ...candidates: unknown[]): Locale {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const language = candidate.trim().toLowerCase().split(/[-_]/)[0];
    const match = survey.locales.find((locale) => locale === language);
    if (match) return match;
  }
  return survey.defaultLocale;
}
