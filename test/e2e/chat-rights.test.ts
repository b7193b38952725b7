import { randomBytes } from 'node:crypto';

import mongoose from 'mongoose';

import { createLogger } from '../../src/log';
import { KeyRing } from '../../src/privacy/key-ring';
import { pseudonymize } from '../../src/privacy/pseudonym';
import { connectDatabase } from '../../src/storage/connect';
import { AnswerModel, ConversationModel, SuppressionModel } from '../../src/storage/models';
import { rawDump, useTestDatabase } from '../support/db';
import { startTestServer, type TestServer } from '../support/server';
import { signedTwilio } from '../support/signed-twilio';
import { FakeTwilio } from '../support/twilio-fake';

useTestDatabase();

const PSEUDONYM_KEY = randomBytes(32);

function pseudonymOf(phone: string): string {
  return pseudonymize(PSEUDONYM_KEY, { kind: 'phone', value: phone });
}

describe('respondent rights inside an SMS conversation', () => {
  let server: TestServer;
  let twilio: FakeTwilio;

  beforeAll(async () => {
    server = await startTestServer({ PSEUDONYM_KEY: PSEUDONYM_KEY.toString('base64') });
    twilio = signedTwilio(server.url, '/twilio/sms');
  });

  afterAll(async () => {
    await server?.stop();
  });

  const text = async (from: string, body: string) =>
    (await twilio.sendSms({ from, body })).messages;

  test('access request lists what is stored', async () => {
    const from = '+31620000001';
    for (const body of ['hallo', 'ja', '5', 'Prima geholpen']) await text(from, body);

    const reply = await text(from, 'mijn gegevens');

    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatch(/Service visit/);
    expect(reply[0]).toMatch(/WIS/);
    expect(await AnswerModel.countDocuments({ respondent: pseudonymOf(from) })).toBe(1);
  });

  test('change my answer corrects the score', async () => {
    const from = '+31620000002';
    for (const body of ['hallo', 'ja', '2']) await text(from, body);

    await text(from, 'wijzig');
    await text(from, '6');
    await text(from, 'Toch wel goed');

    const answer = await AnswerModel.findOne({ respondent: pseudonymOf(from) }).lean();
    expect(answer?.score).toBe(6);
  });

  test('erasure after confirmation leaves no trace of the respondent', async () => {
    const from = '+31620000003';
    for (const body of ['hallo', 'ja', '7', 'Heel snel opgelost']) await text(from, body);

    const question = await text(from, 'verwijder mijn gegevens');
    const done = await text(from, 'ja');

    expect(question).toHaveLength(1);
    expect(done).toHaveLength(1);
    const dump = await rawDump();
    expect(dump).not.toContain(pseudonymOf(from));
    expect(dump).not.toContain('620000003');
    expect(await AnswerModel.countDocuments({ respondent: pseudonymOf('+31620000001') })).toBe(1);
  });

  test('erasure cancelled by another reply keeps the data', async () => {
    const from = '+31620000004';
    for (const body of ['hallo', 'ja', '4', 'Kon beter']) await text(from, body);

    await text(from, 'delete my data');
    await text(from, 'nee');

    expect(await AnswerModel.countDocuments({ respondent: pseudonymOf(from) })).toBe(1);
  });

  test('cancelled erasure after completion starts no survey', async () => {
    const from = '+31620000006';
    for (const body of ['hallo', 'ja', '1', 'Slecht']) await text(from, body);

    await text(from, 'wis');
    const cancelled = await text(from, 'nee');
    const next = await text(from, 'ja');

    expect(cancelled).toEqual(['Er is niets gewist.']);
    expect(next[0]).toMatch(/gesloten/);
    expect(await ConversationModel.countDocuments({ respondent: pseudonymOf(from) })).toBe(1);
    expect(await AnswerModel.countDocuments({ respondent: pseudonymOf(from) })).toBe(1);
  });

  test('change after completion keeps the answer', async () => {
    const from = '+31620000007';
    for (const body of ['hallo', 'ja', '2', 'Duurde lang']) await text(from, body);

    const reply = await text(from, 'wijzig');
    const next = await text(from, '6');

    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatch(/niet meer wijzigen/);
    expect(next[0]).toMatch(/gesloten/);
    expect((await AnswerModel.findOne({ respondent: pseudonymOf(from) }).lean())?.score).toBe(2);
  });

  test('stop reply has one full stop after B.V.', async () => {
    const reply = await text('+31620000008', 'STOP');

    expect(reply[0]).toContain('Jansen Installatietechniek B.V. ');
    expect(reply[0]).not.toContain('B.V..');
  });

  test('declining leaves only the suppression pseudonym', async () => {
    const from = '+31620000005';
    await text(from, 'hallo');

    await text(from, 'nee');

    const dump = JSON.parse(await rawDump()) as Record<string, unknown[]>;
    const holders = Object.entries(dump)
      .filter(([, documents]) => JSON.stringify(documents).includes(pseudonymOf(from)))
      .map(([collection]) => collection);
    expect(holders).toEqual(['suppressions']);
    expect(await SuppressionModel.countDocuments({ respondent: pseudonymOf(from) })).toBe(1);
  });
});

describe('conversation sealed with a replaced key', () => {
  test('stop is answered, not failed', async () => {
    const from = '+31620000009';
    const first = await startTestServer({ PSEUDONYM_KEY: PSEUDONYM_KEY.toString('base64') });
    const before = signedTwilio(first.url);
    await before.sendSms({ from, body: 'hallo' });
    await before.sendSms({ from, body: 'ja' });
    await first.stop();
    const second = await startTestServer({
      PSEUDONYM_KEY: PSEUDONYM_KEY.toString('base64'),
      ENCRYPTION_KEY: KeyRing.generateKey('k2'),
    });

    const stop = await signedTwilio(second.url).sendSms({ from, body: 'STOP' });
    await second.stop();

    expect(stop.status).toBe(200);
    expect(stop.messages[0]).toMatch(/START/);
    expect(await SuppressionModel.countDocuments({ respondent: pseudonymOf(from) })).toBe(1);
  });
});

describe('GET /healthz', () => {
  test('answers 200 while the database answers, 503 when it is gone', async () => {
    const server = await startTestServer();

    const up = await fetch(`${server.url}/healthz`);
    const database = mongoose.connection.name;
    await mongoose.disconnect();
    const down = await fetch(`${server.url}/healthz`);
    await server.stop();
    // The file's afterAll drops its database through this connection.
    const uri = process.env.CES_TEST_MONGODB_URI ?? process.env.MONGODB_URI ?? '';
    await connectDatabase({ uri, dbName: database, log: createLogger({ level: 'silent' }) });

    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok' });
    expect(down.status).toBe(503);
  });
});
