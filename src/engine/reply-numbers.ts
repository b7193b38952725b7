import {
  AMBIGUOUS_NUMBER_WORDS,
  ARTICLES,
  CURRENCY_SIGNS,
  DENOMINATOR_LINKS,
  MAX_LINK_TOKENS,
  NEGATIONS,
  NUMBER_WORDS,
  ORDINAL_SUFFIXES,
  PRONOUN_DETERMINERS,
  QUANTITY_UNITS,
  RANGE_LINKS,
} from './number-words';

/** A piece of a normalised reply, with character offsets that show where spaces were. */
export interface ReplyToken {
  kind: 'number' | 'decimal' | 'word' | 'symbol';
  text: string;
  start: number;
  end: number;
}

/** A number that the respondent gave, as opposed to a quantity such as "3 keer". */
export interface NumberMention {
  value: number;
  /** Index of the mention's token. */
  index: number;
  /** True for the "7" of "6/7" or "6 van de 7": the size of the scale, not a score. */
  isDenominator: boolean;
  /** True after "niet", "not", "geen": "not a 7" names a score that was not meant. */
  negated: boolean;
}

export interface NumberReading {
  mentions: NumberMention[];
  /** True when two numbers are joined as a range: "3-4", "3 of 4", "between 5 and 6". */
  hasRange: boolean;
  /** True when the reply contains a number with a fraction, such as "6,5". */
  hasDecimal: boolean;
}

export interface ReadOptions {
  /**
   * Reads "6 of 7" as "6 out of 7", as in English. Without it "of" is the Dutch "or", which
   * makes "6 of 7" a range.
   */
  ofMeansOutOf?: boolean;
  /** Reads "goed -3" as minus three, for scales below zero. Otherwise that "-" is a dash. */
  allowNegative?: boolean;
}

const TOKEN_PATTERN = /\d+(?:[.,]\d+)?|\p{L}+|\S/gu;

/** Splits a reply that {@link normalizeReply} has folded into numbers, words and signs. */
export function tokenizeReply(normalized: string): ReplyToken[] {
  return [...normalized.matchAll(TOKEN_PATTERN)].map((match) => {
    const text = match[0];
    const start = match.index;
    return { kind: tokenKind(text), text, start, end: start + text.length };
  });
}

function tokenKind(text: string): ReplyToken['kind'] {
  if (/^\d+$/.test(text)) return 'number';
  if (/^\d/.test(text)) return 'decimal';
  if (/^\p{L}/u.test(text)) return 'word';
  return 'symbol';
}

/**
 * Finds the numbers a respondent gave in a normalised reply, as digits or number words, and
 * how they relate: a scale size ("6/7"), a range ("3-4") or separate candidates ("6 maybe 7").
 */
export function readNumbers(normalized: string, options: ReadOptions = {}): NumberReading {
  const tokens = tokenizeReply(normalized);
  const mentions: NumberMention[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const value = mentionValue(tokens, index, options);
    if (value === undefined || isQuantity(tokens, index)) continue;

    mentions.push({ value, index, isDenominator: false, negated: isNegated(tokens, index) });
  }

  const hasRange = linkMentions(tokens, mentions, options);
  const hasDecimal = tokens.some((token) => token.kind === 'decimal');
  return { mentions, hasRange, hasDecimal };
}

function mentionValue(tokens: ReplyToken[], index: number, options: ReadOptions) {
  const token = tokens[index];
  if (token?.kind === 'number') return signed(tokens, index, Number(token.text), options);
  if (token?.kind !== 'word') return undefined;

  const value = NUMBER_WORDS.get(token.text);
  if (value === undefined) return undefined;
  if (AMBIGUOUS_NUMBER_WORDS.has(token.text) && !isNumeralInContext(tokens, index)) {
    return undefined;
  }
  return value;
}

/**
 * Applies a minus sign written against the digits. At the start of the reply ("-3") it is always
 * a sign. After a space ("goed -5") it is one only on scales below zero, because elsewhere it is
 * a dash.
 */
function signed(tokens: ReplyToken[], index: number, value: number, options: ReadOptions) {
  const dash = tokens[index - 1];
  const before = tokens[index - 2];
  if (dash?.text !== '-' || dash.end !== tokens[index]?.start) return value;
  if (before === undefined) return -value;
  return options.allowNegative && before.end < dash.start ? -value : value;
}

/**
 * Decides whether "een", "one" or "ten" is a number. It is one at the end of the reply, before
 * a sign ("Een!", "one - awful") and before a link to another number ("een of twee"). Before a
 * number it is the article ("een 6"), and before other words it is an ordinary word ("een beetje
 * lastig", "ten eerste", "one of the worst").
 */
function isNumeralInContext(tokens: ReplyToken[], index: number): boolean {
  const previous = tokens[index - 1];
  if (tokens[index]?.text === 'one' && previous && PRONOUN_DETERMINERS.has(previous.text)) {
    return false;
  }

  const next = tokens[index + 1];
  if (next === undefined || next.kind === 'symbol') return true;
  if (next.kind !== 'word' || NUMBER_WORDS.has(next.text)) return false;
  return linkLengthBeforeNumber(tokens, index + 1) > 0;
}

/** Returns how many tokens from `start` form a link that a number follows, or 0. */
function linkLengthBeforeNumber(tokens: ReplyToken[], start: number): number {
  for (let length = 1; length <= MAX_LINK_TOKENS; length++) {
    const phrase = phraseOf(tokens, start, start + length);
    const after = tokens[start + length];
    const isLink = DENOMINATOR_LINKS.has(phrase) || RANGE_LINKS.has(phrase) || phrase === 'of';
    if (isLink && after && isNumberLike(after)) return length;
  }
  return 0;
}

function isNumberLike(token: ReplyToken): boolean {
  return token.kind === 'number' || (token.kind === 'word' && NUMBER_WORDS.has(token.text));
}

function phraseOf(tokens: ReplyToken[], from: number, to: number): string {
  return tokens
    .slice(from, to)
    .map((token) => token.text)
    .join(' ');
}

function isQuantity(tokens: ReplyToken[], index: number): boolean {
  const token = tokens[index];
  const next = tokens[index + 1];
  const previous = tokens[index - 1];
  if (previous && CURRENCY_SIGNS.has(previous.text)) return true;
  if (!token || !next) return false;

  const glued = next.start === token.end;
  return QUANTITY_UNITS.has(next.text) || (glued && ORDINAL_SUFFIXES.has(next.text));
}

function isNegated(tokens: ReplyToken[], index: number): boolean {
  const previous = tokens[index - 1];
  const beforeArticle = previous && ARTICLES.has(previous.text) ? tokens[index - 2] : previous;
  return beforeArticle !== undefined && NEGATIONS.has(beforeArticle.text);
}

/**
 * Marks scale sizes among the mentions and returns whether any two consecutive mentions form a
 * range. Only the tokens between two mentions count, so "6 - great engineer" is no range.
 */
function linkMentions(tokens: ReplyToken[], mentions: NumberMention[], options: ReadOptions) {
  let hasRange = false;
  for (let position = 1; position < mentions.length; position++) {
    const left = mentions[position - 1];
    const right = mentions[position];
    if (!left || !right) continue;

    const link = phraseOf(tokens, left.index + 1, right.index);
    if (DENOMINATOR_LINKS.has(link) || (link === 'of' && options.ofMeansOutOf)) {
      right.isDenominator = true;
    } else if (RANGE_LINKS.has(link) || link === 'of') {
      hasRange = true;
    }
  }
  return hasRange;
}
