import { toPhrase } from './normalize';

/** A request that a respondent can send at any point, which is never recorded as an answer. */
export type Keyword = 'stop' | 'start' | 'help' | 'access' | 'erase' | 'rectify';

/**
 * Each keyword's phrases, in the normalised form that {@link toPhrase} produces: lowercase, no
 * accents, no punctuation, no filler words. The stop and start lists contain the words that
 * Twilio handles itself on long codes (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE,
 * OPTOUT; START, UNSTOP, per twilio.com/docs/messaging/tutorials/advanced-opt-out), so that other
 * channels behave the same. YES, which Twilio also treats as opt-in, is left out because it
 * answers questions, and so is "correct", a common reply to a question. Questions in dialogs
 * should not invite a reply that is a keyword, such as "Shall we start?".
 */
export const KEYWORD_PHRASES: Readonly<Record<Keyword, readonly string[]>> = {
  stop: [
    'stop',
    'stopall',
    'stop all',
    'stoppen',
    'afmelden',
    'uitschrijven',
    'unsubscribe',
    'cancel',
    'end',
    'quit',
    'revoke',
    'optout',
    'opt out',
    'hou op',
    'ik wil stoppen',
    'i want to stop',
  ],
  start: ['start', 'unstop', 'aanmelden', 'opnieuw aanmelden'],
  help: ['help', 'hulp', 'info', 'informatie'],
  access: [
    'my data',
    'show my data',
    'what do you store',
    'what do you store about me',
    'what data do you have',
    'what do you know about me',
    'mijn gegevens',
    'mijn data',
    'inzage',
    'inzage gegevens',
    'inzage mijn gegevens',
    'wat bewaren jullie',
    'wat weten jullie van mij',
  ],
  erase: [
    'delete',
    'delete my data',
    'delete my answers',
    'erase',
    'erase my data',
    'forget me',
    'verwijder',
    'verwijderen',
    'wis',
    'verwijder mijn gegevens',
    'verwijder mijn data',
    'verwijder mijn antwoorden',
    'wis mijn gegevens',
    'wis mijn data',
    'vergeet mij',
    'vergeet me',
  ],
  rectify: [
    'change my answer',
    'change answer',
    'correction',
    'go back',
    'previous question',
    'wijzig',
    'wijzigen',
    'wijzig mijn antwoord',
    'verander mijn antwoord',
    'corrigeer',
    'corrigeren',
    'vorige vraag',
  ],
};

const KEYWORD_BY_PHRASE = new Map<string, Keyword>(
  Object.entries(KEYWORD_PHRASES).flatMap(([keyword, phrases]) =>
    phrases.map((phrase) => [phrase, keyword as Keyword] as const),
  ),
);

/**
 * Returns the keyword that the whole message is, or undefined. Case, accents, punctuation, emoji
 * and filler such as "aub" or "please" are ignored, so "Stop!" and "STOP aub" are stop keywords.
 * A keyword inside a longer sentence ("he did not stop talking") is not one, because such a
 * sentence is an answer.
 */
export function detectKeyword(text: string): Keyword | undefined {
  return KEYWORD_BY_PHRASE.get(toPhrase(text));
}
