import path from 'node:path';

import itHelpdesk from '../../../dialogs/it-helpdesk';
import serviceVisit from '../../../dialogs/service-visit';
import supportChat from '../../../dialogs/support-chat';
import { detectKeyword, KEYWORD_PHRASES } from '../../../src/engine/keywords';
import { toWords } from '../../../src/engine/normalize';
import { askStep } from '../../../src/engine/questions';
import { renderMessage } from '../../../src/engine/render';
import { loadSurveys } from '../../../src/surveys/registry';
import { countSmsSegments } from '../../../src/surveys/sms-segments';
import { measureSmsTexts } from '../../../src/surveys/sms-texts';
import type { Survey } from '../../../src/surveys/schema';
import { isQuestion } from '../../../src/surveys/steps';
import { validateSurvey } from '../../../src/surveys/validate-survey';

const DIALOGS = {
  'service-visit': serviceVisit,
  'it-helpdesk': itHelpdesk,
  'support-chat': supportChat,
};

const KEYWORD_WORDS = Object.values(KEYWORD_PHRASES)
  .flat()
  .map((phrase) => phrase.split(' '));

/** Returns the sentences of a text that end in a question mark. */
function questionsIn(text: string): string[] {
  return text.match(/[^.!?:]*\?/g) ?? [];
}

/** Returns the keyword phrases whose words appear in a row in `sentence`. */
function keywordsIn(sentence: string): string[] {
  const words = toWords(sentence, { keepFiller: true });
  return KEYWORD_WORDS.filter((phrase) =>
    words.some((_word, start) => phrase.every((word, offset) => words[start + offset] === word)),
  ).map((phrase) => phrase.join(' '));
}

/** Lists every step text with its step id and locale. */
function stepTexts(survey: Survey): Array<[string, string, string]> {
  return survey.steps.flatMap((step) =>
    Object.entries(step.text).map(([locale, text]): [string, string, string] => [
      step.id,
      locale,
      text ?? '',
    ]),
  );
}

/** Lists every option value, label and synonym of the survey's choice steps. */
function choiceWords(survey: Survey): string[] {
  return survey.steps.flatMap((step) =>
    step.kind === 'choice'
      ? step.options.flatMap((option) => [
          option.value,
          ...Object.values(option.label).map((label) => label ?? ''),
          ...(option.synonyms ?? []),
        ])
      : [],
  );
}

describe('example dialogs', () => {
  it.each(Object.entries(DIALOGS))('%s validates without warnings', (id, definition) => {
    const { survey, warnings } = validateSurvey(definition);

    expect(survey.id).toBe(id);
    expect(warnings).toEqual([]);
  });

  it('load from the default folder', async () => {
    const registry = await loadSurveys();

    expect(registry.list().map((survey) => survey.id)).toEqual([
      'it-helpdesk',
      'service-visit',
      'support-chat',
    ]);
    expect(registry.warnings).toEqual([]);
  });

  it.each(Object.entries(DIALOGS))('%s asks no question a keyword answers', (_id, definition) => {
    const { survey } = validateSurvey(definition);

    for (const [stepId, locale, text] of stepTexts(survey)) {
      for (const question of questionsIn(text)) {
        expect([stepId, locale, question, keywordsIn(question)]).toEqual([
          stepId,
          locale,
          question,
          [],
        ]);
      }
    }
  });

  it.each(Object.entries(DIALOGS))('%s offers no keyword as a choice', (_id, definition) => {
    const { survey } = validateSurvey(definition);

    for (const word of choiceWords(survey)) {
      expect([word, detectKeyword(word)]).toEqual([word, undefined]);
    }
  });

  it.each(Object.entries(DIALOGS))(
    '%s puts no full stop after the controller',
    (_id, definition) => {
      const { survey } = validateSurvey(definition);

      for (const [stepId, locale, text] of stepTexts(survey)) {
        expect([stepId, locale, text.includes('{controller}.')]).toEqual([stepId, locale, false]);
      }
    },
  );

  it('resolve the default folder to the repository', async () => {
    const dir = path.resolve(__dirname, '../../../dialogs');

    const registry = await loadSurveys({ dir });

    expect(registry.has('service-visit')).toBe(true);
  });
});

describe('service-visit dialog', () => {
  const { survey } = validateSurvey(serviceVisit);

  it('asks Dutch first', () => {
    expect(survey.defaultLocale).toBe('nl');
    expect(survey.locales).toEqual(['nl', 'en']);
  });

  it.each(measureSmsTexts(survey).map((m) => [survey.steps[m.stepIndex]?.id, m.locale, m]))(
    'keeps %s in %s within two GSM-7 segments',
    (_id, _locale, measured) => {
      expect(measured.count.nonGsmCharacters).toEqual([]);
      expect(measured.count.encoding).toBe('GSM-7');
      expect(measured.count.segments).toBeLessThanOrEqual(2);
    },
  );

  it.each(
    survey.locales.flatMap((locale) =>
      survey.steps.map((step) => [step.id, locale, step] as const),
    ),
  )('sends %s in %s as at most two GSM-7 segments', (_id, locale, step) => {
    // The engine appends the reply hint, such as "Antwoord JA of NEE.", to the text on SMS.
    const sent = renderMessage(askStep(survey, step, locale), 'sms').text;

    const count = countSmsSegments(sent);

    expect(count.nonGsmCharacters).toEqual([]);
    expect(count.segments).toBeLessThanOrEqual(2);
  });

  it('tells how to stop or erase in Dutch', () => {
    const consent = survey.steps[0];

    expect(consent?.kind).toBe('consent');
    expect(consent?.text.nl).toContain(
      'Antwoord STOP om te stoppen of VERWIJDER om uw gegevens te wissen',
    );
  });

  it('stores every follow-up as followUp', () => {
    const followUps = survey.steps.filter((step) => step.kind === 'text');

    expect(followUps).toHaveLength(3);
    expect(followUps.map((step) => step.saveAs)).toEqual(['followUp', 'followUp', 'followUp']);
  });
});

describe('it-helpdesk dialog', () => {
  const { survey } = validateSurvey(itHelpdesk);

  it('uses CES 1.0 under legitimate interests', () => {
    const ces = survey.steps.find((step) => step.kind === 'ces');

    expect(ces?.kind).toBe('ces');
    expect(ces?.kind === 'ces' ? ces.scale : undefined).toBe('ces1');
    expect(survey.privacy.legalBasis).toBe('legitimate-interests');
    expect(survey.channels).toEqual(['slack', 'console']);
  });

  it('consent states how many questions can be asked', () => {
    const questions = survey.steps.filter(isQuestion);

    expect(questions).toHaveLength(3);
    expect(survey.steps[0]?.text.en).toContain(`up to ${questions.length} quick questions`);
  });
});

describe('support-chat dialog', () => {
  const { survey } = validateSurvey(supportChat);

  it('asks the rating only when resolved', () => {
    const rating = survey.steps.find((step) => step.kind === 'rating');

    expect(rating?.when).toEqual({ answer: 'resolved', oneOf: [true] });
    expect(rating?.kind === 'rating' ? rating.min : undefined).toBe(0);
    expect(rating?.kind === 'rating' ? rating.max : undefined).toBe(10);
  });

  it('offers English first, then Dutch', () => {
    expect(survey.defaultLocale).toBe('en');
    expect(survey.locales).toEqual(['en', 'nl']);
  });
});
