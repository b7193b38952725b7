import { toWords } from './normalize';

export type YesNo = 'yes' | 'no' | 'unknown';

/** Phrases that open a yes, normalised (lowercase, no accents: "oké" is "oke"). */
const YES_PHRASES = [
  'ja',
  'jawel',
  'jazeker',
  'jaja',
  'jep',
  'j',
  'oke',
  'okee',
  'ok',
  'okay',
  'prima',
  'akkoord',
  'goed',
  'is goed',
  'dat is goed',
  'zeker',
  'natuurlijk',
  'graag',
  'y',
  'yes',
  'yep',
  'yup',
  'yeah',
  'sure',
  'of course',
  'agreed',
  'fine',
  'alright',
  'all right',
  'go ahead',
];

/** Phrases that open a no, normalised. */
const NO_PHRASES = [
  'nee',
  'neen',
  'neu',
  'liever niet',
  'niet nu',
  'geen interesse',
  'n',
  'no',
  'nope',
  'nah',
  'not now',
  'no way',
];

/** Words after an opening yes that take it back or leave it open: "ja, maar niet nu". */
const HEDGES_AFTER_YES = ['maar', 'but', 'misschien', 'maybe', 'niet', 'not', 'geen', 'never'];

/** Words after an opening no that take it back or leave it open: "nee, toch wel". */
const HEDGES_AFTER_NO = ['maar', 'but', 'misschien', 'maybe', 'toch', 'wel'];

const YES_EMOJI = /^(?:\u{1F44D}|\u2705|\u2714)/u;
const NO_EMOJI = /^(?:\u{1F44E}|\u274C|\u2716)/u;

/**
 * Reads a yes or a no from a reply such as "Ja, prima", "nee dank je", "yes please" or "👍".
 * The reply must open with a yes or no phrase, and the rest must not take it back ("ja maar
 * nee", "yes but not now"), so anything doubtful is `unknown` rather than a guess.
 */
export function parseYesNo(text: string): YesNo {
  const words = toWords(text, { keepFiller: true });
  if (words.length === 0) return readEmoji(text);

  const opening = matchOpening(words);
  if (!opening) return 'unknown';

  const rest = words.slice(opening.length);
  const hedges = opening.answer === 'yes' ? HEDGES_AFTER_YES : HEDGES_AFTER_NO;
  const opposite = opening.answer === 'yes' ? NO_PHRASES : YES_PHRASES;
  const takenBack = rest.some((word) => hedges.includes(word) || opposite.includes(word));
  return takenBack ? 'unknown' : opening.answer;
}

/** Returns the longest yes or no phrase that the words open with. */
function matchOpening(words: string[]): { answer: 'yes' | 'no'; length: number } | undefined {
  for (let length = Math.min(words.length, 3); length > 0; length--) {
    const phrase = words.slice(0, length).join(' ');
    if (YES_PHRASES.includes(phrase)) return { answer: 'yes', length };
    if (NO_PHRASES.includes(phrase)) return { answer: 'no', length };
  }
  return undefined;
}

/** Reads a reply of only emoji: thumbs up or a check mark is yes, thumbs down or a cross is no. */
function readEmoji(text: string): YesNo {
  const symbols = [...text.replace(/\s/gu, '')];
  const yes = symbols.some((symbol) => YES_EMOJI.test(symbol));
  const no = symbols.some((symbol) => NO_EMOJI.test(symbol));
  if (yes === no) return 'unknown';
  return yes ? 'yes' : 'no';
}
