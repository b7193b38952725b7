import type { Locale, Survey } from '../surveys/schema';
import { placeholderMap } from './resolve-text';
import { fillPlaceholders } from '../surveys/placeholders';

/**
 * The engine's own messages in English, by machine code. `{min}`, `{max}`, `{minLabel}`,
 * `{maxLabel}` and `{maxLength}` come from the question, and `{controller}` and `{noticeUrl}`
 * from the survey's privacy block. The keywords named in capitals are ones keywords.ts detects.
 * `{controller}` is never followed by a full stop, because controller names often end in one,
 * as in "B.V.".
 */
const EN = {
  'hint.scale': 'Reply {min} to {max}.',
  'hint.scale-labels': 'Reply {min} to {max} ({min} = {minLabel}, {max} = {maxLabel}).',
  'hint.yesno': 'Reply YES or NO.',
  'hint.consent': 'Reply YES or NO. Send STOP to stop.',
  'hint.choice': 'Reply with the number of your choice.',
  'button.yes': 'Yes',
  'button.no': 'No',
  'reprompt.scale': 'Reply with a number from {min} to {max}.',
  'reprompt.scale.out-of-range':
    'That number is not on the scale. Reply with a number from {min} to {max}.',
  'reprompt.scale.range': 'Please choose one number from {min} to {max}.',
  'reprompt.scale.other-scale':
    'This question uses a scale from {min} to {max}. Reply with one number from {min} to {max}.',
  'reprompt.scale.ambiguous':
    'I am not sure which number you mean. Reply with one number from {min} to {max}.',
  'reprompt.yesno': 'Please reply YES or NO.',
  'reprompt.choice': 'Please reply with the number of one of the options.',
  'reprompt.choice.ambiguous':
    'That fits more than one option. Reply with the number of one option.',
  'reprompt.text.empty': 'Please type your answer.',
  'reprompt.text.too-long':
    'Your answer is longer than the maximum of {maxLength} characters. Please shorten it.',
  closed: 'This survey has closed. Thank you for your time.',
  thanks: 'Thank you for your answers.',
  declined:
    'No problem. We keep nothing from this conversation except a note not to ask you again.',
  abandoned:
    'We could not read your replies, so we have ended this survey. Thank you for your time.',
  stopped: 'From now on {controller} sends you no more messages. Send START to receive them again.',
  started: 'You can receive surveys from {controller} again.',
  suppressed:
    'You will not receive this survey any more. Send START if you would like to take part.',
  help:
    '{controller} sends this survey. Send STOP to stop, MY DATA to see what is stored ' +
    'about you, DELETE MY DATA to erase it, or CHANGE MY ANSWER to correct your last answer. ' +
    'Privacy notice: {noticeUrl}',
  'erase.confirm':
    'Do you want us to delete everything stored about you for this survey? Reply YES to ' +
    'delete. Any other reply keeps your data.',
  'erase.done': 'Your data is being deleted and this survey has ended.',
  'erase.cancelled': 'Nothing has been deleted.',
  'rectify.ok': 'You can change your answer.',
  'rectify.nothing': 'There is no answer to change yet.',
  'rectify.closed':
    'This survey has closed, so your answers can no longer be changed in this chat.',
} as const;

export type EngineTextCode = keyof typeof EN;

/**
 * The Dutch texts. They use "vragenlijst" rather than "enquête" and avoid "ë", because "ê" and
 * "ë" are outside the GSM-7 alphabet and one of them makes an SMS fall back to UCS-2, which fits
 * 70 characters per segment instead of 160.
 */
const NL: Record<EngineTextCode, string> = {
  'hint.scale': 'Antwoord met {min} t/m {max}.',
  'hint.scale-labels': 'Antwoord met {min} t/m {max} ({min} = {minLabel}, {max} = {maxLabel}).',
  'hint.yesno': 'Antwoord JA of NEE.',
  'hint.consent': 'Antwoord JA of NEE. Stuur STOP om te stoppen.',
  'hint.choice': 'Antwoord met het nummer van uw keuze.',
  'button.yes': 'Ja',
  'button.no': 'Nee',
  'reprompt.scale': 'Antwoord met een cijfer van {min} t/m {max}.',
  'reprompt.scale.out-of-range':
    'Dat cijfer valt buiten de schaal. Antwoord met een cijfer van {min} t/m {max}.',
  'reprompt.scale.range': 'Kies één cijfer van {min} t/m {max}.',
  'reprompt.scale.other-scale':
    'Deze vraag gebruikt een schaal van {min} t/m {max}. Antwoord met één cijfer van {min} t/m ' +
    '{max}.',
  'reprompt.scale.ambiguous':
    'Het is niet duidelijk welk cijfer u bedoelt. Antwoord met één cijfer van {min} t/m {max}.',
  'reprompt.yesno': 'Antwoord alstublieft met JA of NEE.',
  'reprompt.choice': 'Antwoord met het nummer van een van de opties.',
  'reprompt.choice.ambiguous':
    'Dat past bij meer dan één optie. Antwoord met het nummer van één optie.',
  'reprompt.text.empty': 'Typ alstublieft uw antwoord.',
  'reprompt.text.too-long':
    'Uw antwoord is langer dan het maximum van {maxLength} tekens. Wilt u het inkorten?',
  closed: 'Deze vragenlijst is gesloten. Bedankt voor uw tijd.',
  thanks: 'Bedankt voor uw antwoorden.',
  declined:
    'Geen probleem. We bewaren niets van dit gesprek, alleen een notitie om het u niet opnieuw ' +
    'te vragen.',
  abandoned:
    'We konden uw antwoorden niet verwerken, dus we hebben deze vragenlijst afgesloten. ' +
    'Bedankt voor uw tijd.',
  stopped:
    'Vanaf nu stuurt {controller} u geen berichten meer. Stuur START om ze weer te ontvangen.',
  started: 'U kunt weer vragenlijsten van {controller} ontvangen.',
  suppressed: 'U ontvangt deze vragenlijst niet meer. Stuur START als u toch wilt meedoen.',
  help:
    '{controller} stuurt deze vragenlijst. Stuur STOP om te stoppen, MIJN GEGEVENS om te zien ' +
    'wat we van u bewaren, VERWIJDER MIJN GEGEVENS om dat te wissen, of WIJZIG om uw laatste ' +
    'antwoord te veranderen. Privacyverklaring: {noticeUrl}',
  'erase.confirm':
    'Wilt u dat we alles wissen wat we voor deze vragenlijst van u bewaren? Antwoord JA om te ' +
    'wissen. Elk ander antwoord laat uw gegevens staan.',
  'erase.done': 'Uw gegevens worden gewist en deze vragenlijst is afgesloten.',
  'erase.cancelled': 'Er is niets gewist.',
  'rectify.ok': 'U kunt uw antwoord wijzigen.',
  'rectify.nothing': 'Er is nog geen antwoord om te wijzigen.',
  'rectify.closed':
    'Deze vragenlijst is gesloten, dus u kunt uw antwoorden in dit gesprek niet meer wijzigen.',
};

/** Every engine text by locale and machine code, so that translators find them in one place. */
export const ENGINE_TEXTS: Readonly<Record<Locale, Readonly<Record<EngineTextCode, string>>>> = {
  en: EN,
  nl: NL,
};

/**
 * Returns an engine text in `locale` with its placeholders filled from `extra`, the survey's
 * privacy block and the survey's placeholders, in that order of precedence.
 */
export function engineText(
  survey: Survey,
  locale: Locale,
  code: EngineTextCode,
  extra: Readonly<Record<string, string | number>> = {},
): string {
  return fillPlaceholders(ENGINE_TEXTS[locale][code], placeholderMap(survey, locale, extra));
}
