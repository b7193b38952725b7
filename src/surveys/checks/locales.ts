import type { FindingList } from '../findings';
import type { Survey } from '../schema';
import { listSurveyTexts, type SurveyText } from '../survey-texts';

/**
 * Checks that the default locale is one of the survey's locales and that every text is written in
 * each of them. A text in a locale the survey does not offer is a warning, as it is never shown.
 */
export function checkLocales(survey: Survey, findings: FindingList): void {
  const locales = survey.locales.join(', ');
  if (!survey.locales.includes(survey.defaultLocale)) {
    findings.error(
      { field: 'defaultLocale' },
      `"${survey.defaultLocale}" is not one of the survey's locales (${locales})`,
    );
  }
  checkDuplicateLocales(survey, findings);

  for (const text of listSurveyTexts(survey)) checkTextLocales(survey, text, findings);
}

function checkDuplicateLocales(survey: Survey, findings: FindingList): void {
  survey.locales.forEach((locale, index) => {
    if (survey.locales.indexOf(locale) !== index) {
      findings.error({ field: `locales[${index}]` }, `"${locale}" is listed twice`);
    }
  });
}

function checkTextLocales(survey: Survey, text: SurveyText, findings: FindingList): void {
  const locales = survey.locales.join(', ');
  for (const locale of survey.locales) {
    if (text.text[locale] === undefined) {
      const location = { stepIndex: text.stepIndex, field: `${text.field}.${locale}` };
      findings.error(location, `missing; the survey's locales are ${locales}`);
    }
  }
  for (const locale of Object.keys(text.text)) {
    if (!(survey.locales as string[]).includes(locale)) {
      const location = { stepIndex: text.stepIndex, field: `${text.field}.${locale}` };
      findings.warn(location, `never shown, because the survey's locales are ${locales}`);
    }
  }
}
