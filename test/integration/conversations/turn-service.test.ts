import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';

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
  let keyRing: KeyRing;
  let pseudonymKey: Buffer;
  let turns: TurnService;

  /** Builds a turn service like `turns`, with its own key ring and a log the test can read. */
  const serviceWith = (ring: KeyRing, lines: string[] = []) => {
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        callback();
      },
    });
    const log = createLogger({ level: 'info', destination });
    const rights = new RightsService({ keyRing: ring, pseudonymKey, log, surveys });
    return new TurnService({ surveys, keyRing: ring, pseudonymKey, rights, log, clock: () => now });
  };

  beforeAll(async () => {
    surveys = await loadSurveys({ log: createLogger({ level: 'silent' }) });
    keyRing = new KeyRing([{ id: 'k1', key: randomBytes(32) }]);
    pseudonymKey = randomBytes(32);
    turns = serviceWith(keyRing);
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

  test('start after stop lets the next message begin', async () => {
    await say('+31600000007', 'hallo');
    await say('+31600000007', 'stop');

    const started = await say('+31600000007', 'START');
    const sameDay = await say('+31600000007', 'hallo');

    expect(started.outbound).toHaveLength(1);
    expect(await SuppressionModel.countDocuments()).toBe(0);
    expect(sameDay.status).toBe('consent');
    expect(await ConversationModel.countDocuments()).toBe(2);
  });

  test('start after declined consent lets the next message begin', async () => {
    await say('+31600000017', 'hallo');
    await say('+31600000017', 'nee');

    await say('+31600000017', 'START');
    const sameDay = await say('+31600000017', 'hallo');

    expect(sameDay.status).toBe('consent');
  });

  test('start after completion starts no second survey', async () => {
    for (const text of ['hallo', 'ja', '7', 'Top']) await say('+31600000018', text);

    await say('+31600000018', 'START');
    const sameDay = await say('+31600000018', 'hallo');

    expect(sameDay.status).toBe('completed');
    expect(sameDay.outbound[0]?.text).toMatch(/gesloten/);
    expect(await ConversationModel.countDocuments()).toBe(1);
  });

  test('erasure after completion asks within that conversation', async () => {
    for (const text of ['hallo', 'ja', '7', 'Top']) await say('+31600000009', text);

    const question = await say('+31600000009', 'wis');
    const cancelled = await say('+31600000009', 'nee');

    expect(question.outbound).toHaveLength(1);
    expect(question.outbound[0]?.text).toMatch(/JA om te wissen/);
    expect(question.status).toBe('completed');
    expect(cancelled.outbound.map((message) => message.text)).toEqual(['Er is niets gewist.']);
    expect(cancelled.status).toBe('completed');
    expect(await ConversationModel.countDocuments()).toBe(1);
    expect(await AnswerModel.countDocuments()).toBe(1);
  });

  test('cancelled erasure after completion starts no survey', async () => {
    for (const text of ['hallo', 'ja', '1', 'slecht']) await say('+31600000010', text);
    await say('+31600000010', 'wis');
    await say('+31600000010', 'nee');

    const next = await say('+31600000010', 'ja');

    expect(next.status).toBe('completed');
    expect(next.outbound[0]?.text).toMatch(/gesloten/);
    expect(await ConversationModel.countDocuments()).toBe(1);
    expect(await AnswerModel.countDocuments()).toBe(1);
  });

  test('confirmed erasure after completion erases', async () => {
    for (const text of ['hallo', 'ja', '7', 'Top']) await say('+31600000011', text);
    await say('+31600000011', 'wis');

    const done = await say('+31600000011', 'ja');

    expect(done.outbound[0]?.text).toMatch(/gewist/);
    expect(await AnswerModel.countDocuments()).toBe(0);
    expect(await ConversationModel.countDocuments()).toBe(0);
  });

  test('pending erasure after completion keeps no answers', async () => {
    for (const text of ['hallo', 'ja', '7', 'Top']) await say('+31600000012', text);

    await say('+31600000012', 'wis');

    const stored = await ConversationModel.findOne().lean();
    expect(stored?.pendingConfirmation).toBe('erase');
    expect(stored?.contact).toBeUndefined();
    expect(JSON.parse(keyRing.open(stored?.answers ?? ''))).toEqual({ answers: {}, raw: {} });
  });

  test('change after completion says the answer is final', async () => {
    for (const text of ['hallo', 'ja', '2', 'Duurde lang']) await say('+31600000013', text);

    const reply = await say('+31600000013', 'wijzig');

    expect(reply.outbound).toHaveLength(1);
    expect(reply.outbound[0]?.text).toMatch(/niet meer/);
    expect(reply.outbound[0]?.text).not.toMatch(/nog geen antwoord/);
    expect(reply.status).toBe('completed');
    expect(await ConversationModel.countDocuments()).toBe(1);
    expect((await AnswerModel.findOne().lean())?.score).toBe(2);
  });

  test('latest closed conversation takes the message', async () => {
    for (const text of ['hallo', 'ja', '7', 'Top']) await say('+31600000015', text);
    now += HOUR;
    const invited = await turns.start({
      channel: 'sms',
      address: { kind: 'phone', value: '+31600000015' },
      surveyId: 'service-visit',
    });
    await say('+31600000015', 'stop');

    const late = await say('+31600000015', 'nog iets');

    expect(invited.status).toBe('consent');
    expect(late.status).toBe('stopped');
  });

  test('failed turn releases its delivery claim', async () => {
    await say('+31600000008', 'hallo');
    // Sealed with the right key, so only the JSON inside is broken.
    await ConversationModel.updateOne({}, { $set: { answers: keyRing.seal('not json') } });

    await expect(say('+31600000008', 'ja', 'SM-retry')).rejects.toThrow();
    await ConversationModel.deleteMany({});
    const retry = await say('+31600000008', 'ja', 'SM-retry');

    expect(retry.duplicate).toBe(false);
  });

  describe('conversation sealed with a key no longer configured', () => {
    const phone = '+31600000014';
    let lines: string[];
    let rotated: TurnService;
    const sayRotated = (text: string) =>
      rotated.handle({
        channel: 'sms',
        address: { kind: 'phone', value: phone },
        event: { kind: 'text', text },
        surveyId: 'service-visit',
      });

    beforeEach(async () => {
      await say(phone, 'hallo');
      await say(phone, 'ja');
      lines = [];
      rotated = serviceWith(new KeyRing([{ id: 'k2', key: randomBytes(32) }]), lines);
    });

    test('stop still suppresses', async () => {
      const outcome = await sayRotated('STOP');

      expect(outcome.outbound[0]?.text).toMatch(/START/);
      expect(await SuppressionModel.countDocuments({ surveyId: '*' })).toBe(1);
    });

    test('conversation is closed with its sealed data', async () => {
      const before = await ConversationModel.findOne().lean();

      await sayRotated('STOP');

      const after = await ConversationModel.findById(before?._id).lean();
      expect(after?.status).toBe('abandoned');
      expect(after?.openKey).toBe(`closed:${String(before?._id)}`);
      expect(after?.answers).toBe(before?.answers);
      expect(after?.contact).toBe(before?.contact);
    });

    test('error names conversation and key only', async () => {
      const before = await ConversationModel.findOne().lean();

      await sayRotated('STOP');

      const errors = lines.map((line) => JSON.parse(line)).filter((entry) => entry.level >= 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ conversationId: String(before?._id), keyId: 'k1' });
      expect(lines.join('\n')).not.toContain(before?.answers);
      expect(lines.join('\n')).not.toContain('600000014');
    });

    test('plain message starts a new survey', async () => {
      const outcome = await sayRotated('hallo');

      expect(outcome.status).toBe('consent');
      expect(await ConversationModel.countDocuments()).toBe(2);
    });

    test('erasure removes the unreadable conversation', async () => {
      await sayRotated('verwijder mijn gegevens');

      const done = await sayRotated('ja');

      expect(done.outbound[0]?.text).toMatch(/gewist/);
      expect(await ConversationModel.countDocuments()).toBe(0);
    });

    test('access request is answered', async () => {
      const outcome = await sayRotated('mijn gegevens');

      expect(outcome.outbound).toHaveLength(1);
    });
  });
});
