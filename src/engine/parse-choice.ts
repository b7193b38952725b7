import { toPhrase, toWords } from './normalize';
import { NUMBER_WORDS } from './number-words';

/** One option of a choice question, with every text that selects it. */
export interface ChoiceOption {
  value: string;
  /** The option's label in every locale of the survey. */
  labels: readonly string[];
  synonyms?: readonly string[];
}

export type ChoiceFailure = 'empty' | 'no-match' | 'ambiguous';

export type ChoiceParse = { ok: true; value: string } | { ok: false; reason: ChoiceFailure };

/** Words that may come before an option number: "optie 2", "option 2", "nr 2". */
const NUMBER_PREFIXES = new Set(['optie', 'option', 'keuze', 'choice', 'nummer', 'number', 'nr']);

/**
 * Reads which option a reply selects: its number as listed ("2", "optie 2", "twee"), or its
 * value, a label in any locale or a synonym. A reply that is exactly one of those texts wins.
 * Otherwise the texts may appear inside the reply ("via de telefoon"), but only one option's.
 */
export function parseChoice(text: string, options: readonly ChoiceOption[]): ChoiceParse {
  const words = toWords(text);
  if (words.length === 0) return { ok: false, reason: text.trim() === '' ? 'empty' : 'no-match' };

  const number = readOptionNumber(words);
  if (number !== undefined) {
    const option = options[number - 1];
    return option ? { ok: true, value: option.value } : { ok: false, reason: 'no-match' };
  }

  const phrase = words.join(' ');
  const exact = options.filter((option) => phrasesOf(option).includes(phrase));
  const matches = exact.length > 0 ? exact : options.filter((option) => contains(phrase, option));
  const [match] = matches;
  if (matches.length > 1) return { ok: false, reason: 'ambiguous' };
  return match ? { ok: true, value: match.value } : { ok: false, reason: 'no-match' };
}

function readOptionNumber(words: string[]): number | undefined {
  const rest = NUMBER_PREFIXES.has(words[0] ?? '') ? words.slice(1) : words;
  const [word] = rest;
  if (rest.length !== 1 || word === undefined) return undefined;
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS.get(word);
}

function phrasesOf(option: ChoiceOption): string[] {
  const texts = [option.value.replaceAll('-', ' '), ...option.labels, ...(option.synonyms ?? [])];
  return texts.map((text) => toPhrase(text)).filter((phrase) => phrase !== '');
}

function contains(phrase: string, option: ChoiceOption): boolean {
  return phrasesOf(option).some((candidate) => ` ${phrase} `.includes(` ${candidate} `));
}
