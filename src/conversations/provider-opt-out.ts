import { CesBotError } from '../errors';
import { isDuplicateKeyError } from '../storage/connect';
import { SuppressionModel } from '../storage/models';
import type { Channel } from '../surveys/schema';

/**
 * Thrown by a sender when the provider rejected a message because the recipient opted out there,
 * such as Twilio's error 21610 after the person texted STOP. Sending again would fail the same way.
 */
export class RecipientOptedOutError extends CesBotError {
  constructor(channel: Channel, providerCode: string) {
    super(
      'recipient_opted_out',
      409,
      `the recipient opted out of messages on ${channel} at the provider (${providerCode}); ` +
        'they are suppressed until they send START',
    );
  }
}

/**
 * Suppresses a respondent on every survey because the provider reports that they opted out of
 * messages there. A stop recorded earlier keeps its own reason.
 */
export async function suppressProviderOptOut(
  respondent: string,
  channel: Channel,
  now: number,
): Promise<void> {
  try {
    await SuppressionModel.updateOne(
      { respondent, surveyId: '*' },
      { $setOnInsert: { reason: 'provider-opt-out', at: new Date(now), channel } },
      { upsert: true },
    ).exec();
  } catch (error) {
    // A concurrent upsert inserted the same suppression first.
    if (!isDuplicateKeyError(error)) throw error;
  }
}
