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
 * where an ordinary word cannot stand; see `isNumeralInContext` in reply-numbers.ts.
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
