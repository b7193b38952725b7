import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

import { createLogger } from '../../../src/log';
import { claimLease } from '../../../src/privacy/lease';
import {
  startRetentionSweeper,
  sweepRetention,
  type RetentionReport,
} from '../../../src/privacy/retention';
import {
  AnswerModel,
  AuditModel,
  ConsentModel,
  ConversationModel,
  DeliveryModel,
  RollupModel,
} from '../../../src/storage/models';
import { clearCollections, useTestDatabase } from '../../support/db';
import { fixtureSurvey } from '../../unit/privacy/fixtures/survey';

const database = useTestDatabase();

/** The fixture's terms in days: contact 30, free text 90, scores 730, consent 365, audit 1095. */
const survey = fixtureSurvey();
const NOW = new Date('2026-06-01T00:00:00Z');
const log = createLogger({ level: 'silent' });

function daysAgo(days: number): Date {
  return new Date(NOW.getTime() - days * 24 * 3600 * 1000);
}

async function conversation(id: string, status: string, lastActive: number, expires: number) {
  await ConversationModel.create({
    surveyId: id.startsWith('other') ? 'other-survey' : 'service-visit',
    channel: 'sms',
    respondent: `respondent-${id}`,
    openKey: `open-${id}`,
    contact: `sealed-contact-${id}`,
    locale: 'nl',
    status,
    stepIndex: 1,
    retries: 0,
    answers: `sealed-answers-${id}`,
    startedAt: daysAgo(lastActive),
    lastActivityAt: daysAgo(lastActive),
    expiresAt: daysAgo(expires),
  });
}

async function answer(id: string, completed: number) {
  await AnswerModel.create({
    surveyId: 'service-visit',
    channel: 'sms',
    conversationId: id,
    respondent: `respondent-${id}`,
    locale: 'nl',
    score: 6,
    text: `sealed-text-${id}`,
    completedAt: daysAgo(completed),
  });
}

/** Seeds documents on both sides of each term. */
async function seedAges(): Promise<void> {
  await conversation('closed-31', 'completed', 31, 30);
  await conversation('closed-29', 'completed', 29, 28);
  await conversation('open-expired-10', 'open', 10, 9);
  await conversation('open-expired-40', 'open', 40, 39);
  await conversation('open-idle-31', 'open', 31, -1);
  await conversation('other-closed-400', 'completed', 400, 399);
  await answer('answer-20', 20);
  await answer('answer-45', 45);
  await answer('answer-100', 100);
  await answer('answer-800', 800);
  for (const [id, days] of [
    ['consent-300', 300],
    ['consent-400', 400],
  ] as const) {
    const fields = { channel: 'sms', noticeVersion: '2026-01', textHash: id, granted: true };
    await ConsentModel.create({
      surveyId: 'service-visit',
      respondent: id,
      at: daysAgo(days),
      ...fields,
    });
  }
  await AuditModel.create({ at: daysAgo(1000), action: 'kept', surveyId: 'service-visit' });
  await AuditModel.create({ at: daysAgo(1100), action: 'expired', surveyId: 'service-visit' });
  await AuditModel.create({ at: daysAgo(1100), action: 'expired-shared' });
  await DeliveryModel.create({ _id: 'sms:old', respondent: 'r-old', at: daysAgo(31) });
  await DeliveryModel.create({ _id: 'sms:new', respondent: 'r-new', at: daysAgo(29) });
  const rollup = { surveyId: 'service-visit', day: '2024-01-01', channel: 'sms', n: 1, sum: 6 };
  await RollupModel.create({ _id: 'service-visit:2024-01-01:sms', ...rollup });
}

/** Checks that exactly the documents and fields past their terms are gone. */
async function expectSwept(): Promise<void> {
  const conversations = await ConversationModel.find({}).sort({ openKey: 1 }).lean();
  expect(conversations.map((doc) => [doc.openKey, doc.contact ?? null])).toEqual([
    ['open-closed-29', 'sealed-contact-closed-29'],
    ['open-open-expired-10', 'sealed-contact-open-expired-10'],
    ['open-open-idle-31', null],
    ['open-other-closed-400', 'sealed-contact-other-closed-400'],
  ]);

  const answers = await AnswerModel.find({}).sort({ conversationId: 1 }).lean();
  expect(
    answers.map((doc) => [doc.conversationId, doc.respondent ?? null, doc.text ?? null]),
  ).toEqual([
    ['answer-100', null, null],
    ['answer-20', 'respondent-answer-20', 'sealed-text-answer-20'],
    ['answer-45', null, 'sealed-text-answer-45'],
  ]);

  const consents = await ConsentModel.find({}).lean();
  expect(consents.map((doc) => doc.respondent)).toEqual(['consent-300']);
  const seededAudits = await AuditModel.find({
    action: { $in: ['kept', 'expired', 'expired-shared'] },
  }).lean();
  expect(seededAudits.map((doc) => doc.action)).toEqual(['kept']);
  const deliveries = await DeliveryModel.find({}).lean();
  expect(deliveries.map((doc) => doc._id)).toEqual(['sms:new']);
  expect(await RollupModel.countDocuments({})).toBe(1);
}

/** Counts per retention action, summed over the audit entries the sweeps wrote. */
async function auditedCounts(): Promise<Record<string, number>> {
  const entries = await AuditModel.find({ action: /^retention\./ }).lean();
  const counts: Record<string, number> = {};
  for (const entry of entries) {
    const key = `${entry.surveyId ?? '*'} ${entry.action}`;
    counts[key] = (counts[key] ?? 0) + (entry.detail as { count: number }).count;
  }
  return counts;
}

const EXPECTED_COUNTS = {
  'service-visit retention.conversations-deleted': 2,
  'service-visit retention.contact-removed': 1,
  'service-visit retention.answers-deleted': 1,
  'service-visit retention.free-text-removed': 1,
  'service-visit retention.respondent-unlinked': 2,
  'service-visit retention.consents-deleted': 1,
  'service-visit retention.audit-deleted': 1,
  '* retention.deliveries-deleted': 1,
  '* retention.audit-deleted': 1,
};

/**
 * Starts test/support/retention-sweep.ts in a child process on this file's database. `ready`
 * resolves once it has connected; `go` starts its sweep; `report` resolves with its report.
 */
function startSweep(dbName: string, owner: string) {
  const args = ['tsx', 'test/support/retention-sweep.ts', dbName, NOW.toISOString(), owner];
  const child = spawn('npx', args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const output: string[] = [];
  const ready = new Promise<void>((resolve) => {
    lines.on('line', (line) => (line === 'ready' ? resolve() : output.push(line)));
  });
  const report = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`retention sweep of ${owner} exited with ${code}`);
    return JSON.parse(output.join('\n')) as RetentionReport;
  });
  return { ready, report, go: () => child.stdin.end('go\n') };
}

describe('sweepRetention', () => {
  beforeEach(async () => {
    await clearCollections();
    await seedAges();
  });

  it('removes exactly what is past its term', async () => {
    await sweepRetention({ surveys: [survey], now: NOW, log, owner: 'test' });

    await expectSwept();
  });

  it('writes an audit entry per action with counts', async () => {
    await sweepRetention({ surveys: [survey], now: NOW, log, owner: 'test' });

    expect(await auditedCounts()).toEqual(EXPECTED_COUNTS);
    expect(await AuditModel.countDocuments({ action: /^retention\./ })).toBe(9);
  });

  it('reports actions and undefined surveys', async () => {
    const report = await sweepRetention({ surveys: [survey], now: NOW, log, owner: 'test' });

    expect(report.claimed).toBe(true);
    expect(report.actions).toHaveLength(9);
    expect(report.undefinedSurveys).toEqual(['other-survey']);
  });

  it('changes nothing when run again', async () => {
    await sweepRetention({ surveys: [survey], now: NOW, log, owner: 'test' });

    const again = await sweepRetention({ surveys: [survey], now: NOW, log, owner: 'test' });

    expect(again.actions).toEqual([]);
    await expectSwept();
  });

  it('skips while another owner holds the lease', async () => {
    await claimLease({ name: 'retention', owner: 'other', now: NOW, ttlMs: 10 * 60 * 1000 });

    const report = await sweepRetention({ surveys: [survey], now: NOW, log, owner: 'test' });

    expect(report.claimed).toBe(false);
    expect(await ConversationModel.countDocuments({})).toBe(6);
  });

  it('gives the same result for two processes at once', async () => {
    const sweeps = ['process-a', 'process-b'].map((owner) => startSweep(database.name, owner));
    await Promise.all(sweeps.map((sweep) => sweep.ready));

    for (const sweep of sweeps) sweep.go();
    const reports = await Promise.all(sweeps.map((sweep) => sweep.report));

    expect(reports.some((report) => report.claimed)).toBe(true);
    await expectSwept();
    expect(await auditedCounts()).toEqual(EXPECTED_COUNTS);
  });
});

describe('startRetentionSweeper', () => {
  beforeEach(async () => {
    await clearCollections();
    await seedAges();
  });

  function capturedLogger() {
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(JSON.parse(String(chunk)));
        callback();
      },
    });
    return { log: createLogger({ level: 'info', destination }), lines };
  }

  it('sweeps at start and logs start and stop', async () => {
    const { log: captured, lines } = capturedLogger();
    const sweeper = startRetentionSweeper({
      surveys: [survey],
      intervalMinutes: 60,
      log: captured,
      clock: () => NOW.getTime(),
    });

    await sweeper.stop();

    await expectSwept();
    const messages = lines.map((line) => line.msg);
    expect(messages[0]).toBe('retention sweeper started');
    expect(messages).toContain('retention sweep finished');
    expect(messages.at(-1)).toBe('retention sweeper stopped');
  });

  it('logs a failed sweep', async () => {
    const { log: captured, lines } = capturedLogger();
    const broken = {
      list(): never {
        throw new Error('dialogs unavailable');
      },
    };
    const sweeper = startRetentionSweeper({ surveys: broken, intervalMinutes: 60, log: captured });

    await sweeper.stop();

    const failure = lines.find(
      (line) => line.msg === 'retention sweep failed; retrying at the next interval',
    );
    expect(failure?.level).toBe(50);
    expect(await ConversationModel.countDocuments({})).toBe(6);
  });
});
