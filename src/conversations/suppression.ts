import { engineText } from '../engine/texts';
import type { OutboundMessage } from '../engine/types';
import { SuppressionModel } from '../storage/models';
import type { Locale, Survey } from '../surveys/schema';

/** True when the respondent stopped all surveys or declined this one. */
export async function isSuppressed(respondent: string, surveyId: string): Promise<boolean> {
  const found = await SuppressionModel.exists({ respondent, surveyId: { $in: [surveyId, '*'] } });
  return found !== null;
}

/** The reply to a suppressed respondent who writes in without a keyword. */
export function suppressedNotice(survey: Survey, locale: Locale): OutboundMessage {
  return { text: engineText(survey, locale, 'suppressed') };
}
