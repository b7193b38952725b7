/**
 * Words that make a reply politer without changing what it asks for, in Dutch and English.
 * "a.u.b." arrives here as "aub" because dots between letters are removed first.
 */
const FILLER_WORDS = new Set([
  'aub',
  'ajb',
  'alsjeblieft',
  'alstublieft',
  'graag',
  'please',
  'pls',
  'plz',
]);

/** A digit or `#`/`*` followed by an optional VS16 and the combining enclosing keycap U+20E3. */
const KEYCAP_PATTERN = /([0-9#*])\uFE0F?\u20E3/gu;

/** U+1F51F KEYCAP TEN is a single code point rather than a digit with a keycap. */
const KEYCAP_TEN = /\u{1F51F}/gu;

/**
 * Folds a reply into a comparable form: keycap emoji become digits, NFKC turns full-width and
 * other compatibility forms into plain ones ("６" into "6"), letters are lowercased and accents
 * are removed ("één" into "een"). Punctuation, emoji and spacing are kept.
 */
export function normalizeReply(text: string): string {
  const withoutKeycaps = text.replace(KEYCAP_PATTERN, '$1').replace(KEYCAP_TEN, '10');
  const folded = withoutKeycaps.normalize('NFKC').toLowerCase().normalize('NFD');

  // Removing nonspacing marks after NFD drops accents but keeps the base letters.
  return folded.replace(/\p{Mn}/gu, '').normalize('NFC');
}

export interface WordOptions {
  /** Keeps words such as "please" and "graag", which are otherwise dropped. */
  keepFiller?: boolean;
}

/**
 * Splits a reply into lowercase words without accents, punctuation or emoji, so that "Stop!",
 * "STOP aub" and "stop." all become `['stop']`. A word repeated right after itself is kept once.
 */
export function toWords(text: string, options: WordOptions = {}): string[] {
  const joined = normalizeReply(text).replace(/(?<=\p{L})[.'’](?=\p{L})/gu, '');
  const words = joined
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
  const kept = options.keepFiller ? words : words.filter((word) => !FILLER_WORDS.has(word));

  return kept.filter((word, index) => word !== kept[index - 1]);
}

/** Returns the reply as one string of words separated by single spaces; see {@link toWords}. */
export function toPhrase(text: string, options: WordOptions = {}): string {
  return toWords(text, options).join(' ');
}
