import type { FindingList } from '../findings';
import type { Survey } from '../schema';
import { measureSmsTexts, usesSegmentedChannel, type SmsStepText } from '../sms-texts';

/**
 * Checks that each step text, with its placeholders filled, fits in `sms.maxSegments` SMS
 * segments when the survey sends over SMS or WhatsApp. Each segment is sent, and usually billed,
 * as a message of its own. Too many segments is a warning, or an error when `sms.strict` is set.
 */
export function checkSmsLength(survey: Survey, findings: FindingList): void {
  if (!usesSegmentedChannel(survey)) return;

  for (const measured of measureSmsTexts(survey)) {
    if (measured.count.segments <= survey.sms.maxSegments) continue;

    const location = { stepIndex: measured.stepIndex, field: `text.${measured.locale}` };
    const message = describeTooLong(measured, survey.sms.maxSegments);
    if (survey.sms.strict) findings.error(location, message);
    else findings.warn(location, message);
  }
}

function describeTooLong({ count }: SmsStepText, maxSegments: number): string {
  const unit = count.encoding === 'GSM-7' ? 'septets' : 'UTF-16 code units';
  const cause =
    count.encoding === 'UCS-2'
      ? `; UCS-2 because of ${count.nonGsmCharacters.map((char) => JSON.stringify(char)).join(' ')}`
      : '';
  return (
    `${count.segments} SMS segments (${count.encoding}, ${count.units} ${unit}${cause}) ` +
    `with placeholders filled; the maximum is ${maxSegments} (sms.maxSegments)`
  );
}
