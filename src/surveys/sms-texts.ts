import { fillPlaceholders, placeholderValues, privacyPlaceholderValues } from './placeholders';
import type { Locale, Survey } from './schema';
import { countSmsSegments, type SmsSegmentCount } from './sms-segments';

/**
 * Channels whose messages are measured in SMS segments. WhatsApp has no segments, but the same
 * limit keeps its messages short.
 */
export const SEGMENT_CHECKED_CHANNELS = ['sms', 'whatsapp'] as const;

/** A step's message text as it would be sent, and its SMS segment count. */
export interface SmsStepText {
  stepIndex: number;
  locale: Locale;
  text: string;
  count: SmsSegmentCount;
}

/**
 * Fills the placeholders of every step text in every locale and counts its SMS segments.
 * NOTE: this counts the step text alone. On text-only channels the engine appends a reply hint
 * or a choice's numbered options to the same message, which this count does not include.
 */
export function measureSmsTexts(survey: Survey): SmsStepText[] {
  return survey.locales.flatMap((locale) => {
    const values = placeholderValues(survey, locale);
    const consentValues = { ...values, ...privacyPlaceholderValues(survey, locale) };

    return survey.steps.map((step, stepIndex) => {
      const written = step.text[locale] ?? '';
      const text = fillPlaceholders(written, step.kind === 'consent' ? consentValues : values);
      return { stepIndex, locale, text, count: countSmsSegments(text) };
    });
  });
}

/** Returns true when the survey sends on a channel whose messages are measured in segments. */
export function usesSegmentedChannel(survey: Survey): boolean {
  return survey.channels.some((channel) =>
    (SEGMENT_CHECKED_CHANNELS as readonly string[]).includes(channel),
  );
}
