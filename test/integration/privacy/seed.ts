import { randomBytes } from 'node:crypto';

import { KeyRing } from '../../../src/privacy/key-ring';
import { pseudonymize } from '../../../src/privacy/pseudonym';
import {
  AnswerModel,
  ConsentModel,
  ConversationModel,
  DeliveryModel,
  SuppressionModel,
} from '../../../src/storage/models';

/** Creates a key ring with one fresh key and a fresh pseudonym key, as a deployment has. */
export function createTestKeys(keyId = 'k1'): { keyRing: KeyRing; pseudonymKey: Buffer } {
  return {
    keyRing: new KeyRing([{ id: keyId, key: randomBytes(32) }]),
    pseudonymKey: randomBytes(32),
  };
}

export interface SeedOptions {
  keyRing: KeyRing;
  pseudonymKey: Buffer;
  phone: string;
  /** Free text of the answer, stored sealed as the conversation service stores it. */
  text: string;
  surveyId?: string;
  /** When the conversation ended; consent and delivery share it. */
  at?: Date;
  score?: number;
}

export interface SeededRespondent {
  respondent: string;
  conversationId: string;
  answerId: string;
}

/**
 * Stores one respondent's data as the conversation service does: an open conversation with a
 * sealed contact and sealed answers, a completed answer with sealed free text, a consent, a
 * suppression and a delivery claim.
 */
export async function seedRespondent(options: SeedOptions): Promise<SeededRespondent> {
  const { keyRing, phone, text } = options;
  const surveyId = options.surveyId ?? 'service-visit';
  const at = options.at ?? new Date('2026-03-01T10:00:00Z');
  const respondent = pseudonymize(options.pseudonymKey, { kind: 'phone', value: phone });
  const contents = JSON.stringify({ answers: { effort: 6, reason: text }, raw: { reason: text } });

  const conversation = await ConversationModel.create({
    surveyId,
    channel: 'sms',
    respondent,
    openKey: `${respondent}:sms`,
    contact: keyRing.seal(JSON.stringify({ kind: 'phone', value: phone })),
    locale: 'nl',
    status: 'open',
    stepIndex: 2,
    retries: 0,
    answers: keyRing.seal(contents),
    metadata: { storeId: 'ams-01' },
    startedAt: at,
    lastActivityAt: at,
    expiresAt: new Date(at.getTime() + 24 * 3600 * 1000),
  });
  const answer = await AnswerModel.create({
    surveyId,
    channel: 'sms',
    conversationId: String(conversation._id),
    respondent,
    locale: 'nl',
    score: options.score ?? 6,
    band: 'low',
    values: { effort: options.score ?? 6, recommend: true },
    text: keyRing.seal(JSON.stringify({ answers: { reason: text }, raw: { reason: text } })),
    metadata: { storeId: 'ams-01' },
    completedAt: at,
  });
  await ConsentModel.create({
    surveyId,
    respondent,
    channel: 'sms',
    noticeVersion: '2026-01',
    textHash: 'a'.repeat(64),
    granted: true,
    at,
  });
  await SuppressionModel.create({ respondent, surveyId: '*', reason: 'stopped', at });
  await DeliveryModel.create({ _id: `sms:SM${randomBytes(16).toString('hex')}`, respondent, at });
  return { respondent, conversationId: String(conversation._id), answerId: String(answer._id) };
}
