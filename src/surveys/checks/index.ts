import { FindingList, type Finding } from '../findings';
import type { Survey } from '../schema';
import { checkConditions } from './conditions';
import { checkLocales } from './locales';
import { checkPlaceholders } from './placeholders';
import { checkScales } from './scales';
import { checkSmsLength } from './sms';
import { checkStructure } from './structure';

/** Runs every check that a schema cannot express on a survey that passed `surveySchema`. */
export function checkSurveySemantics(survey: Survey): Finding[] {
  const findings = new FindingList();
  checkStructure(survey, findings);
  checkLocales(survey, findings);
  checkPlaceholders(survey, findings);
  checkConditions(survey, findings);
  checkScales(survey, findings);
  checkSmsLength(survey, findings);
  return findings.items;
}
