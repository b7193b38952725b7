import type { FindingList, FindingLocation } from '../findings';
import { findPlaceholders, PRIVACY_PLACEHOLDERS } from '../placeholders';
import type { Survey } from '../schema';
import { listSurveyTexts, type SurveyText } from '../survey-texts';

const PRIVACY_NAMES: readonly string[] = PRIVACY_PLACEHOLDERS;

/**
 * Checks that every `{placeholder}` in a text is defined, that consent texts name the controller,
 * purpose, retention term and notice link, and that every defined placeholder is used.
 */
export function checkPlaceholders(survey: Survey, findings: FindingList): void {
  checkReservedNames(survey, findings);

  const used = new Set<string>();
  for (const text of listSurveyTexts(survey)) {
    for (const [locale, value] of Object.entries(text.text)) {
      const names = findPlaceholders(value);
      names.forEach((name) => used.add(name));
      checkTextPlaceholders(survey, text, locale, names, findings);
    }
  }

  for (const name of Object.keys(survey.placeholders)) {
    if (!used.has(name)) findings.warn({ field: `placeholders.${name}` }, 'not used in any text');
  }
}

function checkReservedNames(survey: Survey, findings: FindingList): void {
  for (const name of Object.keys(survey.placeholders)) {
    if (PRIVACY_NAMES.includes(name)) {
      findings.error(
        { field: `placeholders.${name}` },
        `reserved; ${PRIVACY_NAMES.join(', ')} are filled from the privacy block`,
      );
    }
  }
}

function checkTextPlaceholders(
  survey: Survey,
  text: SurveyText,
  locale: string,
  names: string[],
  findings: FindingList,
): void {
  const location = { stepIndex: text.stepIndex, field: `${text.field}.${locale}` };
  if (text.stepIndex === undefined) {
    // The engine fills placeholders in step texts only, so one here would reach the respondent.
    for (const name of names) {
      findings.error(location, `{${name}} is not filled in this text; write the value out`);
    }
    return;
  }

  const defined = Object.keys(survey.placeholders);
  const allowed = text.consent ? [...defined, ...PRIVACY_NAMES] : defined;
  for (const name of names.filter((used) => !allowed.includes(used))) {
    const list = allowed.length > 0 ? allowed.join(', ') : 'none';
    findings.error(location, `placeholder {${name}} is not defined; defined placeholders: ${list}`);
  }

  if (text.consent && text.field === 'text') checkConsentText(location, names, findings);
}

/** A consent request must tell who asks, why, for how long and where the notice is. */
function checkConsentText(location: FindingLocation, names: string[], findings: FindingList): void {
  for (const required of PRIVACY_NAMES.filter((name) => !names.includes(name))) {
    findings.error(
      location,
      `missing {${required}}; a consent text must contain ` +
        `${PRIVACY_NAMES.map((name) => `{${name}}`).join(', ')}`,
    );
  }
}
