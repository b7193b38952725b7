/**
 * Number words from zero to ten in Dutch and English, without accents ("één" is folded to
 * "een" before lookup). Replies in either language are read whatever the survey's locale,
 * because respondents often answer in the other one.
 */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['nul', 0],
  ['een', 1],
  ['twee', 2],
  ['drie', 3],
  ['vier', 4],
  ['vijf', 5],
  ['zes', 6],
  ['zeven', 7],
  ['acht', 8],
  ['negen', 9],
  ['tien', 10],
  ['zero', 0],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
]);

/**
 * Number words that are also ordinary words: Dutch "een" is the article "a", English "one" a
 * pronoun ("no one"), Dutch "ten" a preposition ("ten eerste"). These count as numbers only
 * where an ordinary word cannot stand, as `isNumeralInContext` in reply-numbers.ts decides.
 */
export const AMBIGUOUS_NUMBER_WORDS: ReadonlySet<string> = new Set(['een', 'one', 'ten']);

/** Words before "one" that make it a pronoun: "no one", "this one", "the one". */
export const PRONOUN_DETERMINERS: ReadonlySet<string> = new Set([
  'no',
  'any',
  'every',
  'some',
  'each',
  'this',
  'that',
  'the',
  'which',
]);

/**
 * Words and signs between two numbers that make the second one the size of the scale. "of" is
 * handled apart, because it means "out of" in English and "or" in Dutch.
 */
export const DENOMINATOR_LINKS: ReadonlySet<string> = new Set([
  '/',
  'van',
  'van de',
  'uit',
  'op',
  'out of',
  'op een schaal van',
  'on a scale of',
]);

/** Words and signs between two numbers that offer both: "3-4", "3 tot 4", "3 or 4". */
export const RANGE_LINKS: ReadonlySet<string> = new Set([
  '-',
  '–',
  '—',
  '~',
  'a',
  'to',
  'or',
  'and',
  'till',
  'tot',
  'en',
  'tot en met',
  't / m',
]);

/** Maximum tokens in one link ("op een schaal van"), where link lookups stop. */
export const MAX_LINK_TOKENS = 4;

/** Words after a number that make it a quantity rather than a score: "3 keer", "20 minutes". */
export const QUANTITY_UNITS: ReadonlySet<string> = new Set([
  'x',
  'keer',
  'maal',
  'time',
  'times',
  'sec',
  'seconden',
  'seconds',
  'min',
  'mins',
  'minuut',
  'minuten',
  'minute',
  'minutes',
  'uur',
  'uren',
  'hour',
  'hours',
  'hr',
  'hrs',
  'dag',
  'dagen',
  'day',
  'days',
  'week',
  'weken',
  'weeks',
  'maand',
  'maanden',
  'month',
  'months',
  'jaar',
  'jaren',
  'year',
  'years',
  'euro',
  'eur',
  'procent',
  'percent',
  '%',
]);

/** Suffixes written against a number that make it an ordinal: "2e", "3de", "1st", "4th". */
export const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set([
  'e',
  'de',
  'ste',
  'st',
  'nd',
  'rd',
  'th',
]);

export const CURRENCY_SIGNS: ReadonlySet<string> = new Set(['€', '$', '£']);

/** Words that negate the number after them, also across an article: "not a 7", "geen 7". */
export const NEGATIONS: ReadonlySet<string> = new Set(['niet', 'geen', 'nooit', 'not', 'never']);

/** Articles that may stand between a negation and its number. */
export const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the', 'een', 'de', 'het']);
