import { randomBytes } from 'node:crypto';

import { TurnService } from '../../../src/conversations/turn-service';
import { createLogger } from '../../../src/log';
import { KeyRing } from '../../../src/privacy/key-ring';
import { RightsService } from '../../../src/privacy/rights';
import { AnswerModel, ConversationModel, SuppressionModel } from '../../../src/storage/models';
import { loadSurveys, type SurveyRegistry } from '../../../src/surveys/registry';
import { clearCollections, useTestDatabase } from '../../support/db';

useTestDatabase();

const HOUR = 3_600_000;

describe('TurnService', () => {
  let surveys: SurveyRegistry;
  let now: number;
  let turns: TurnService;

  beforeAll(async () => {
    const log = createLogger({ level: 'silent' });
    surveys = await loadSurveys({ log });
    const keyRing = new KeyRing([{ id: 'k1', key: randomBytes(32) }]);
    const pseudonymKey = randomBytes(32);
    const rights = new RightsService({ keyRing, pseudonymKey, log, surveys });
    turns = new TurnService({ surveys, keyRing, pseudonymKey, rights, log, clock: () => now });
  });

  beforeEach(async () => {
    await clearCollections();
    now = Date.UTC(2026, 11, 4, 12);
  });

  const say = (phone: string, text: string, deliveryId?: string) =>
    turns.handle({
      channel: 'sms',
      address: { kind: 'phone', value: phone },
      event: { kind: 'text', text },
      surveyId: 'service-visit',
      ...(deliveryId && { deliveryId }),
    });

  test('concurrent turns of one conversation run in order', async () => {
    await say('+31600000001', 'hallo');

    const outcomes = await Promise.all(
      ['huh', 'wat', 'geen idee', 'nog steeds niet', '?'].map((text) => say('+31600000001', text)),
    );

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'consent',
      'consent',
      'abandoned',
      'abandoned',
      'abandoned',
    ]);
    expect(outcomes.map((outcome) => outcome.outbound.length)).toEqual([1, 1, 1, 1, 1]);
    expect(await ConversationModel.countDocuments()).toBe(1);
    expect((await ConversationModel.findOne().lean())?.status).toBe('abandoned');
  });

  test('first message is answered with the consent question only', async () => {
    const outcome = await say('+31600000002', 'ja');

    expect(outcome.status).toBe('consent');
    expect(outcome.outbound).toHaveLength(1);
  });

  test('late message after completion gets the closed reply', async () => {
    for (const text of ['hallo', 'ja', '7', 'Top']) await say('+31600000003', text);
    now += HOUR;

    const late = await say('+31600000003', 'nog iets');

    expect(late.outbound).toHaveLength(1);
    expect(await ConversationModel.countDocuments()).toBe(1);
    expect(await AnswerModel.countDocuments()).toBe(1);
  });

  test('message a day after completion starts a new survey', async () => {
    for (const text of ['hallo', 'ja', '7', 'Top']) await say('+31600000004', text);
    now += 48 * HOUR;

    const next = await say('+31600000004', 'hallo weer');

    expect(next.status).toBe('consent');
    expect(await ConversationModel.countDocuments()).toBe(2);
  });

  test('expired conversation answers that the survey closed', async () => {
    await say('+31600000005', 'hallo');
    await say('+31600000005', 'ja');
    now += 25 * HOUR;

    const late = await say('+31600000005', '6');

    expect(late.status).toBe('expired');
    expect(await AnswerModel.countDocuments()).toBe(0);
  });

  test('stop without a conversation suppresses every survey', async () => {
    const outcome = await say('+31600000006', 'STOP');
    const after = await say('+31600000006', 'hallo');

    expect(outcome.outbound).toHaveLength(1);
    expect(await SuppressionModel.countDocuments({ surveyId: '*' })).toBe(1);
    expect(after.status).toBeUndefined();
    expect(await ConversationModel.countDocuments()).toBe(0);
  });

  test('start lifts a stop without resuming', async () => {
    await say('+31600000007', 'hallo');
    await say('+31600000007', 'stop');

    const started = await say('+31600000007', 'START');
    const sameDay = await say('+31600000007', 'hallo');
    now += 25 * HOUR;
    const nextDay = await say('+31600000007', 'hallo');

    expect(started.outbound).toHaveLength(1);
    expect(await SuppressionModel.countDocuments()).toBe(0);
    expect(sameDay.status).toBe('stopped');
    expect(nextDay.status).toBe('consent');
  });

  test('failed turn releases its delivery claim', async () => {
    await say('+31600000008', 'hallo');
    await ConversationModel.updateOne({}, { $set: { answers: 'v1.k1.broken.broken.broken' } });

    await expect(say('+31600000008', 'ja', 'SM-retry')).rejects.toThrow();
    await ConversationModel.deleteMany({});
    const retry = await say('+31600000008', 'ja', 'SM-retry');

    expect(retry.duplicate).toBe(false);
  });
});
