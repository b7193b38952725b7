import serviceVisit from '../../../dialogs/service-visit';
import { ENGINE_TEXTS, engineText, type EngineTextCode } from '../../../src/engine/texts';
import type { Locale } from '../../../src/surveys/schema';
import { validateSurvey } from '../../../src/surveys/validate-survey';

const { survey } = validateSurvey(serviceVisit);

const CASES = Object.entries(ENGINE_TEXTS).flatMap(([locale, texts]) =>
  Object.keys(texts).map((code) => [locale as Locale, code as EngineTextCode] as const),
);

describe('engineText', () => {
  test.each(CASES)('%s %s puts no full stop after the controller', (locale, code) => {
    const template = ENGINE_TEXTS[locale][code];

    expect(template).not.toContain('{controller}.');
  });

  test.each(CASES)('%s %s reads well after "B.V."', (locale, code) => {
    const text = engineText(survey, locale, code, { min: 1, max: 7, maxLength: 500 });

    expect(text).not.toContain('B.V..');
  });

  test.each(['en', 'nl'] as const)('%s stop reply names the controller once', (locale) => {
    const text = engineText(survey, locale, 'stopped');

    expect(text.split('Jansen Installatietechniek B.V.')).toHaveLength(2);
    expect(text).toContain('START');
  });

  test.each(['en', 'nl'] as const)('%s rectify after close says it is final', (locale) => {
    const closed = engineText(survey, locale, 'rectify.closed');
    const nothing = engineText(survey, locale, 'rectify.nothing');

    expect(closed).not.toBe(nothing);
    expect(closed).toMatch(locale === 'en' ? /no longer be changed/ : /niet meer wijzigen/);
  });
});
