/** A half-open range `[start, end)` of UTF-16 offsets into a text. */
export interface Span {
  start: number;
  end: number;
}

/** Returns the spans of every match of a global `pattern` that `accept` lets through. */
export function findMatches(
  text: string,
  pattern: RegExp,
  accept: (match: string) => boolean = () => true,
): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(pattern)) {
    if (accept(match[0])) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/**
 * Finds identifiers inside a loosely matched run of groups, such as `06 12345678 7` where only the
 * first two groups are a phone number. From each group in turn, the longest run of whole groups
 * that `accept` lets through and is at most `maxLength` characters long becomes a span, and the
 * search goes on after it. The length cap keeps the work linear in the number of groups.
 */
export function findLongestValidRuns(
  text: string,
  candidate: RegExp,
  group: RegExp,
  options: RunOptions,
): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(candidate)) {
    const groups = [...match[0].matchAll(group)].map((part) => ({
      start: match.index + part.index,
      end: match.index + part.index + part[0].length,
    }));
    spans.push(...longestRuns(text, groups, options));
  }
  return spans;
}

export interface RunOptions {
  /** Maximum length of a run in characters. */
  maxLength: number;
  /** Whether a run may begin at this position of the text; a cheap filter before `accept`. */
  canStart: (text: string, start: number) => boolean;
  accept: (run: string) => boolean;
}

function longestRuns(text: string, groups: readonly Span[], options: RunOptions): Span[] {
  const spans: Span[] = [];
  let first = 0;
  while (first < groups.length) {
    const start = groups[first]!.start;
    if (!options.canStart(text, start)) {
      first += 1;
      continue;
    }

    let last = first;
    const fits = (index: number) => groups[index]!.end - start <= options.maxLength;
    while (last + 1 < groups.length && fits(last + 1)) last += 1;

    let found = -1;
    for (; last >= first && found < 0; last -= 1) {
      if (options.accept(text.slice(start, groups[last]!.end))) found = last;
    }

    if (found >= 0) spans.push({ start, end: groups[found]!.end });
    first = found >= 0 ? found + 1 : first + 1;
  }
  return spans;
}

// Deliberately broad: a false positive costs a word of feedback, a miss leaks an address.
// The bounds (RFC 5321: 64 characters per local part, 63 per domain label) keep matching linear
// in the text length, where unbounded runs would retry every start position of a long word.
const EMAIL =
  /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,63}/gu;

/** Finds e-mail addresses. */
export function findEmails(text: string): Span[] {
  return findMatches(text, EMAIL);
}

// Nine digits, written plain or grouped 4-2-3 or 3-3-3 with spaces or dots, not part of a longer
// number.
const BSN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_+])(?<!\d[.-])` +
    String.raw`(?:\d{9}|\d{4}([ .])\d{2}\1\d{3}|\d{3}([ .])\d{3}\2\d{3})` +
    String.raw`(?![\p{L}\p{N}_]|[.-]\d)`,
  'gu',
);

/** Finds Dutch citizen service numbers (BSN) that pass the 11-test. */
export function findBsns(text: string): Span[] {
  return findMatches(text, BSN, (match) => passesElevenTest(match.replace(/\D/g, '')));
}

/**
 * The BSN 11-test: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 must be a multiple of 11. All zeros passes the
 * sum but is no valid number.
 */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;

  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

// Four digits without a leading zero and two letters. Upper-case letters may follow a space
// ("1234 AB"); lower-case letters only directly ("1234ab"), because "2026 en" is ordinary Dutch.
const POSTCODE = /(?<![\p{L}\p{N}_])[1-9]\d{3}(?: ?[A-Z]{2}|[a-z]{2})(?![\p{L}\p{N}_])/gu;

/** PostNL never issues these letter pairs. */
const UNUSED_POSTCODE_LETTERS = new Set(['SA', 'SD', 'SS']);

/** Finds Dutch postcodes. */
export function findPostcodes(text: string): Span[] {
  return findMatches(text, POSTCODE, (match) => {
    return !UNUSED_POSTCODE_LETTERS.has(match.slice(-2).toUpperCase());
  });
}
