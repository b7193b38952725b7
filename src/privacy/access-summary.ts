import { AnswerModel, ConsentModel, ConversationModel, SuppressionModel } from '../storage/models';
import type { Locale, Retention, Survey } from '../surveys/schema';
import { addDays } from './retention-terms';

/** Kinds of stored data named in an access summary. */
type DataItem = 'conversation' | 'answers' | 'consent';

/** Data stored for one survey, and the last day that any of it stays linked to the respondent. */
interface SurveyHoldings {
  surveyId: string;
  items: Set<DataItem>;
  until?: Date;
}

// ERASE and WIS are among the engine's erase keywords (src/engine/keywords.ts); a test checks it.
const TEXTS: Record<Locale, SummaryTexts> = {
  en: {
    nothing: 'We store nothing about you.',
    intro: 'We store this about you:',
    items: { conversation: 'our conversation', answers: 'your answers', consent: 'your consent' },
    until: 'until',
    optOut: 'your opt-out, kept so that we do not message you again',
    allSurveys: 'all surveys',
    erase: 'Reply ERASE to have all of it deleted now.',
  },
  nl: {
    nothing: 'We bewaren niets over u.',
    intro: 'Dit bewaren we over u:',
    items: { conversation: 'ons gesprek', answers: 'uw antwoorden', consent: 'uw toestemming' },
    until: 'tot',
    optOut: 'uw afmelding, zodat we u geen berichten meer sturen',
    allSurveys: 'alle vragenlijsten',
    erase: 'Stuur WIS om dit nu allemaal te laten verwijderen.',
  },
};

/** Regional variants for lists and dates: British English writes no comma before "and". */
const LOCALE_TAGS: Record<Locale, string> = { en: 'en-GB', nl: 'nl-NL' };

interface SummaryTexts {
  nothing: string;
  intro: string;
  items: Record<DataItem, string>;
  until: string;
  optOut: string;
  allSurveys: string;
  erase: string;
}

/**
 * Writes the in-chat reply to an access request: per survey, which data is stored and until which
 * day it stays linked to the respondent, then opt-outs, then how to erase it all.
 */
export async function summarizeHoldings(
  respondent: string,
  locale: Locale,
  surveys: ReadonlyMap<string, Survey>,
): Promise<string> {
  const texts = TEXTS[locale];
  const holdings = await collectHoldings(respondent, surveys);
  const optOuts = await SuppressionModel.find({ respondent }, { surveyId: 1 }).lean().exec();
  if (holdings.length === 0 && optOuts.length === 0) return texts.nothing;

  const lines = holdings.map((holding) => describeHolding(holding, locale, surveys));
  for (const { surveyId } of optOuts) {
    const title = surveyId === '*' ? texts.allSurveys : titleOf(surveyId, surveys);
    lines.push(`- ${title}: ${texts.optOut}.`);
  }
  return [texts.intro, ...lines, texts.erase].join('\n');
}

async function collectHoldings(
  respondent: string,
  surveys: ReadonlyMap<string, Survey>,
): Promise<SurveyHoldings[]> {
  const [conversations, answers, consents] = await Promise.all([
    ConversationModel.find({ respondent }, { surveyId: 1, lastActivityAt: 1 }).lean().exec(),
    AnswerModel.find({ respondent }, { surveyId: 1, completedAt: 1 }).lean().exec(),
    ConsentModel.find({ respondent }, { surveyId: 1, at: 1 }).lean().exec(),
  ]);

  // A conversation and an answer stay linked to the respondent until the contact term ends:
  // then retention deletes the one and removes the pseudonym from the other.
  const entries: HoldingEntry[] = [
    ...conversations.map((doc) => ({
      surveyId: doc.surveyId,
      item: 'conversation' as const,
      from: doc.lastActivityAt,
      term: 'contact' as const,
    })),
    ...answers.map((doc) => ({
      surveyId: doc.surveyId,
      item: 'answers' as const,
      from: doc.completedAt,
      term: 'contact' as const,
    })),
    ...consents.map((doc) => ({
      surveyId: doc.surveyId,
      item: 'consent' as const,
      from: doc.at,
      term: 'consent' as const,
    })),
  ];
  return mergeBySurvey(entries, surveys);
}

interface HoldingEntry {
  surveyId: string;
  item: DataItem;
  /** Start of the retention term. */
  from: Date;
  term: keyof Retention;
}

function mergeBySurvey(
  entries: readonly HoldingEntry[],
  surveys: ReadonlyMap<string, Survey>,
): SurveyHoldings[] {
  const bySurvey = new Map<string, SurveyHoldings>();
  for (const entry of entries) {
    const holding = bySurvey.get(entry.surveyId) ?? { surveyId: entry.surveyId, items: new Set() };
    holding.items.add(entry.item);

    const survey = surveys.get(entry.surveyId);
    const until = survey && addDays(entry.from, survey.privacy.retentionDays[entry.term]);
    if (until && (!holding.until || until > holding.until)) holding.until = until;
    bySurvey.set(entry.surveyId, holding);
  }
  return [...bySurvey.values()].sort((a, b) => a.surveyId.localeCompare(b.surveyId));
}

function describeHolding(
  holding: SurveyHoldings,
  locale: Locale,
  surveys: ReadonlyMap<string, Survey>,
): string {
  const texts = TEXTS[locale];
  const items = [...holding.items].map((item) => texts.items[item]);
  const list = new Intl.ListFormat(LOCALE_TAGS[locale], { type: 'conjunction' }).format(items);
  const title = titleOf(holding.surveyId, surveys);
  if (!holding.until) return `- ${title}: ${list}.`;

  return `- ${title}: ${list}, ${texts.until} ${formatDay(holding.until, locale)}.`;
}

function titleOf(surveyId: string, surveys: ReadonlyMap<string, Survey>): string {
  return surveys.get(surveyId)?.title ?? surveyId;
}

function formatDay(day: Date, locale: Locale): string {
  const format = new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return format.format(day);
}
