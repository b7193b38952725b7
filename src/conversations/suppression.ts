import type { OutboundMessage } from '../engine/types';
import { SuppressionModel } from '../storage/models';
import type { Locale } from '../surveys/schema';

/** True when the respondent stopped all surveys or declined this one. */
export async function isSuppressed(respondent: string, surveyId: string): Promise<boolean> {
  const found = await SuppressionModel.exists({ respondent, surveyId: { $in: [surveyId, '*'] } });
  return found !== null;
}

const SUPPRESSED_NOTICE: Record<Locale, string> = {
  nl: 'U ontvangt deze enquête niet meer. Stuur START als u toch wilt meedoen.',
  en: 'You will not receive this survey any more. Send START if you would like to take part.',
};

/** The reply to a suppressed respondent who writes in without a keyword. */
export function suppressedNotice(locale: Locale): OutboundMessage {
  return { text: SUPPRESSED_NOTICE[locale] };
}
