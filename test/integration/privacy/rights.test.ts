import { detectKeyword } from '../../../src/engine/keywords';
import { createLogger } from '../../../src/log';
import { KeyRing } from '../../../src/privacy/key-ring';
import { RightsService } from '../../../src/privacy/rights';
import { addToRollup } from '../../../src/reporting/rollups';
import {
  AnswerModel,
  AuditModel,
  ConversationModel,
  RollupModel,
} from '../../../src/storage/models';
import { clearCollections, useTestDatabase } from '../../support/db';
import { fixtureSurvey } from '../../unit/privacy/fixtures/survey';
import { createTestKeys, seedRespondent } from './seed';

useTestDatabase();

const PHONE = '+31612345678';
const TEXT = 'De monteur kwam drie uur te laat';
const COMPLETED_AT = new Date('2026-03-01T10:00:00Z');

describe('RightsService.exportData', () => {
  const { keyRing, pseudonymKey } = createTestKeys();
  const rights = new RightsService({
    keyRing,
    pseudonymKey,
    log: createLogger({ level: 'silent' }),
    clock: () => Date.parse('2026-03-02T00:00:00Z'),
  });

  beforeEach(clearCollections);

  it('opens sealed contact and free text', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const exported = await rights.exportData(seeded.respondent);

    const [conversation] = exported.collections.conversations as Array<Record<string, unknown>>;
    const [answer] = exported.collections.answers as Array<Record<string, unknown>>;
    expect(conversation?.contact).toEqual({ kind: 'phone', value: PHONE });
    expect(answer?.text).toEqual({ answers: { reason: TEXT }, raw: { reason: TEXT } });
  });

  it('includes survey ids and dates', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const exported = await rights.exportData(seeded.respondent);

    const [answer] = exported.collections.answers as Array<Record<string, unknown>>;
    expect(answer?.surveyId).toBe('service-visit');
    expect(answer?.completedAt).toEqual(COMPLETED_AT);
    expect(exported.exportedAt).toBe('2026-03-02T00:00:00.000Z');
    expect(Object.keys(exported.collections).sort()).toEqual([
      'answers',
      'consents',
      'conversations',
      'deliveries',
      'suppressions',
    ]);
  });

  it('marks values sealed with a missing key', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });
    const otherRing = new KeyRing([{ id: 'k9', key: Buffer.alloc(32, 9) }]);
    const blind = new RightsService({
      keyRing: otherRing,
      pseudonymKey,
      log: createLogger({ level: 'silent' }),
    });

    const exported = await blind.exportData(seeded.respondent);

    const [answer] = exported.collections.answers as Array<Record<string, unknown>>;
    expect(answer?.text).toMatchObject({ unreadable: true });
  });

  it('writes an audit entry without the pseudonym', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    await rights.exportData(seeded.respondent);

    const audits = await AuditModel.find({ action: 'data-exported' }).lean();
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toMatchObject({ counts: { answers: 1 } });
    expect(JSON.stringify(audits)).not.toContain(seeded.respondent);
  });

  it('returns no collections for an unknown respondent', async () => {
    const exported = await rights.exportData('f'.repeat(64));

    expect(exported.collections).toEqual({});
    expect(exported.erasureRecorded).toBe(false);
  });
});

describe('RightsService.summarize', () => {
  const { keyRing, pseudonymKey } = createTestKeys();
  const log = createLogger({ level: 'silent' });
  const rights = new RightsService({ keyRing, pseudonymKey, log, surveys: [fixtureSurvey()] });

  beforeEach(clearCollections);

  it('lists what is stored until when, in English', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const summary = await rights.summarize(seeded.respondent, 'en');

    // Contact term 30 days and consent term 365 days after 1 March 2026: the later one counts.
    expect(summary).toBe(
      [
        'We store this about you:',
        '- Service visit: our conversation, your answers and your consent, until 1 March 2027.',
        '- all surveys: your opt-out, kept so that we do not message you again.',
        'Reply ERASE to have all of it deleted now.',
      ].join('\n'),
    );
  });

  it('names erase keywords that the engine detects', () => {
    expect(detectKeyword('ERASE')).toBe('erase');
    expect(detectKeyword('WIS')).toBe('erase');
  });

  it('answers in Dutch', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const summary = await rights.summarize(seeded.respondent, 'nl');

    expect(summary).toContain('- Service visit: ons gesprek, uw antwoorden en uw toestemming,');
    expect(summary).toContain('tot 1 maart 2027.');
    expect(summary).toContain('Stuur WIS');
  });

  it('says nothing is stored after an erasure', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });
    await rights.erase(seeded.respondent, 'chat');

    const summary = await rights.summarize(seeded.respondent, 'en');

    expect(summary).toBe('We store nothing about you.');
  });

  it('names an undefined survey by id without a date', async () => {
    const seeded = await seedRespondent({
      keyRing,
      pseudonymKey,
      phone: PHONE,
      text: TEXT,
      surveyId: 'retired-survey',
    });

    const summary = await rights.summarize(seeded.respondent, 'en');

    expect(summary).toContain('- retired-survey: our conversation, your answers and your consent.');
  });
});

describe('RightsService.rectifyScore', () => {
  const { keyRing, pseudonymKey } = createTestKeys();
  const log = createLogger({ level: 'silent' });
  const rights = new RightsService({ keyRing, pseudonymKey, log, surveys: [fixtureSurvey()] });

  beforeEach(clearCollections);

  async function seedScored(score: number) {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT, score });
    await addToRollup({ surveyId: 'service-visit', channel: 'sms', score, at: COMPLETED_AT });
    return seeded;
  }

  it('sets the score and its band', async () => {
    const seeded = await seedScored(6);

    const rectified = await rights.rectifyScore(seeded.answerId, 2);

    const answer = await AnswerModel.findById(seeded.answerId).lean();
    expect(rectified).toMatchObject({ previousScore: 6, score: 2, band: 'high' });
    expect(answer?.score).toBe(2);
    expect(answer?.band).toBe('high');
  });

  it('moves the count in the rollup', async () => {
    const seeded = await seedScored(6);

    await rights.rectifyScore(seeded.answerId, 2);

    const rollup = await RollupModel.findById('service-visit:2026-03-01:sms').lean();
    expect(rollup?.n).toBe(1);
    expect(rollup?.sum).toBe(2);
    expect(rollup?.distribution).toEqual({ '2': 1, '6': 0 });
  });

  it('changes nothing for the same score', async () => {
    const seeded = await seedScored(6);

    await rights.rectifyScore(seeded.answerId, 6);

    const rollup = await RollupModel.findById('service-visit:2026-03-01:sms').lean();
    expect(rollup?.sum).toBe(6);
    expect(await AuditModel.countDocuments({ action: 'answer-rectified' })).toBe(0);
  });

  it('rejects a score outside the scale', async () => {
    const seeded = await seedScored(6);

    await expect(rights.rectifyScore(seeded.answerId, 8)).rejects.toThrow(
      'invalid score 8: expected a whole number from 1 to 7',
    );
  });

  it('rejects an unknown answer', async () => {
    await expect(rights.rectifyScore('0123456789abcdef01234567', 5)).rejects.toThrow(
      'answer 0123456789abcdef01234567 not found',
    );
    await expect(rights.rectifyScore('not-an-id', 5)).rejects.toThrow('answer not-an-id not found');
  });

  it('writes an audit entry', async () => {
    const seeded = await seedScored(6);

    await rights.rectifyScore(seeded.answerId, 3);

    const audits = await AuditModel.find({ action: 'answer-rectified' }).lean();
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toEqual({ answerId: seeded.answerId, field: 'score' });
  });
});

describe('RightsService without surveys', () => {
  const { keyRing, pseudonymKey } = createTestKeys();
  const rights = new RightsService({
    keyRing,
    pseudonymKey,
    log: createLogger({ level: 'silent' }),
  });

  beforeEach(clearCollections);

  it('rejects rectification for lack of a scale', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    await expect(rights.rectifyScore(seeded.answerId, 5)).rejects.toThrow(
      'survey service-visit is not defined, so its CES scale is unknown',
    );
    expect(await ConversationModel.countDocuments({})).toBe(1);
  });
});
