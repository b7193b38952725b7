import type { Locale } from '../surveys/schema';
import { normalizeReply, toPhrase } from './normalize';
import { readNumbers, type NumberReading } from './reply-numbers';

/**
 * The reason a reply is not a score. Each reason gets its own re-prompt, and none of them is guessed
 * into a value.
 * - `empty`: nothing but whitespace.
 * - `out-of-range`: one number, outside the scale ("9" on 1-7).
 * - `range`: two numbers offered together ("3-4", "3 of 4", "3 or 4").
 * - `other-scale`: a score on another scale ("7/10" on 1-7).
 * - `ambiguous`: several different numbers, a fraction or a negated number ("6 maybe 7").
 * - `no-number`: no number, label or mapped emoji at all.
 */
export type ScaleFailure =
  'empty' | 'out-of-range' | 'range' | 'other-scale' | 'ambiguous' | 'no-number';

export type ScaleParse = { ok: true; value: number } | { ok: false; reason: ScaleFailure };

export interface ScaleOptions {
  /** Lowest score on the scale, inclusive. */
  min: number;
  /** Highest score on the scale, inclusive. */
  max: number;
  /** Emoji or words mapped to scores by the survey; unmapped emoji are never read as scores. */
  emoji?: Readonly<Record<string, number>>;
  /** End labels in any locale ("Helemaal mee eens"), matched against the whole reply only. */
  labels?: { min?: readonly string[]; max?: readonly string[] };
  /** The survey locale. In English "6 of 7" means "6 out of 7"; otherwise "of" is Dutch "or". */
  locale?: Locale;
}

/**
 * Reads the score a respondent meant on the survey's own scale. Digits, full-width digits,
 * keycap emoji and number words in Dutch and English count, in sentences such as "I'd give it a
 * 6" or "een 6 van de 7". A reply that could mean more than one score fails with the reason, so
 * the caller can ask again instead of guessing.
 */
export function parseScale(text: string, options: ScaleOptions): ScaleParse {
  if (text.trim() === '') return { ok: false, reason: 'empty' };

  const reading = readNumbers(normalizeReply(markStressedOne(text)), {
    ofMeansOutOf: options.locale === 'en',
    allowNegative: options.min < 0,
  });
  if (reading.mentions.length === 0 && !reading.hasDecimal)
    return matchWithoutNumber(text, options);
  return judgeNumbers(reading, options);
}

/**
 * Writes the stressed Dutch "één" as "1" before accents are folded away, because with its
 * accents it is always the number and never the article "een".
 */
function markStressedOne(text: string): string {
  return text.normalize('NFC').replace(/(?<!\p{L})(?:één|eén|éen)(?!\p{L})/giu, '1');
}

function judgeNumbers(reading: NumberReading, options: ScaleOptions): ScaleParse {
  const { mentions } = reading;
  const denominators = mentions.filter((mention) => mention.isDenominator);
  if (denominators.some((mention) => mention.value !== options.max)) {
    return { ok: false, reason: 'other-scale' };
  }
  if (reading.hasRange) return { ok: false, reason: 'range' };

  const scores = mentions.filter((mention) => !mention.isDenominator);
  const values = new Set(scores.map((mention) => mention.value));
  const negated = scores.some((mention) => mention.negated);
  if (reading.hasDecimal || negated || values.size !== 1) return { ok: false, reason: 'ambiguous' };

  const [value] = values;
  if (value === undefined || value < options.min || value > options.max) {
    return { ok: false, reason: 'out-of-range' };
  }
  return { ok: true, value };
}

/** Reads a reply without numbers through the scale's end labels and the survey's emoji map. */
function matchWithoutNumber(text: string, options: ScaleOptions): ScaleParse {
  const phrase = toPhrase(text);
  const values = new Set<number>();
  if (options.labels?.min?.some((label) => toPhrase(label) === phrase)) values.add(options.min);
  if (options.labels?.max?.some((label) => toPhrase(label) === phrase)) values.add(options.max);
  for (const [key, value] of Object.entries(options.emoji ?? {})) {
    if (containsMappedKey(text, phrase, key)) values.add(value);
  }

  if (values.size > 1) return { ok: false, reason: 'ambiguous' };
  const [value] = values;
  if (value === undefined) return { ok: false, reason: 'no-number' };
  if (value < options.min || value > options.max) return { ok: false, reason: 'out-of-range' };
  return { ok: true, value };
}

/**
 * Word keys must appear as whole words. Emoji keys may appear anywhere, so "👍🏽" (with a skin
 * tone) contains the key "👍". Normalising drops the variation selector U+FE0F from both sides.
 */
function containsMappedKey(text: string, phrase: string, key: string): boolean {
  if (/\p{L}/u.test(key)) {
    const keyPhrase = toPhrase(key);
    return keyPhrase !== '' && ` ${phrase} `.includes(` ${keyPhrase} `);
  }
  const symbol = normalizeReply(key);
  return symbol !== '' && normalizeReply(text).includes(symbol);
}
