import { rawDump, useTestDatabase } from '../support/db';
import { FakeTwilio } from '../support/twilio-fake';
import {
  startTestServer,
  TEST_ADMIN_KEY,
  TEST_PUBLIC_URL,
  TEST_TWILIO_TOKEN,
  type TestServer,
} from '../support/server';
import { signedTwilio } from '../support/signed-twilio';
import {
  AnswerModel,
  ConsentModel,
  ConversationModel,
  SuppressionModel,
} from '../../src/storage/models';

useTestDatabase();

const PHONE = '+31612345678';
const FOLLOW_UP = 'Snelle monteur Pieterbaas, mail me op piet@example.nl';

describe('SMS survey over the Twilio webhook', () => {
  let server: TestServer;
  let twilio: FakeTwilio;

  beforeAll(async () => {
    server = await startTestServer();
    twilio = signedTwilio(server.url, '/twilio/sms');
  });

  afterAll(async () => {
    await server?.stop();
  });

  test('whole conversation stores one minimised answer', async () => {
    const opening = await twilio.sendSms({ from: PHONE, body: 'Hoi' });
    expect(opening.status).toBe(200);
    expect(opening.contentType).toMatch(/text\/xml/);
    expect(opening.messages).toHaveLength(1);
    expect(opening.messages[0]).toMatch(/STOP/);

    const consent = await twilio.sendSms({ from: PHONE, body: 'Ja' });
    expect(consent.messages.join(' ')).toMatch(/1.*7/);

    const score = await twilio.sendSms({ from: PHONE, body: 'Een 6!' });
    expect(score.messages).toHaveLength(1);

    const followUp = await twilio.sendSms({ from: PHONE, body: FOLLOW_UP });
    expect(followUp.messages.length).toBeGreaterThanOrEqual(1);

    const answers = await AnswerModel.find({ surveyId: 'service-visit' }).lean();
    expect(answers).toHaveLength(1);
    expect(answers[0]?.score).toBe(6);
    expect(answers[0]?.band).toBe('low');
    expect(answers[0]?.channel).toBe('sms');
    expect(await ConsentModel.countDocuments({ granted: true })).toBe(1);
    const conversation = await ConversationModel.findOne({}).lean();
    expect(conversation?.status).toBe('completed');
    expect(conversation?.contact).toBeUndefined();
  });

  test('invalid score gets a re-prompt stating the range', async () => {
    const from = '+31687654321';
    await twilio.sendSms({ from, body: 'hallo' });
    await twilio.sendSms({ from, body: 'ja' });

    const reply = await twilio.sendSms({ from, body: '9' });

    expect(reply.messages).toHaveLength(1);
    expect(reply.messages[0]).toMatch(/1/);
    expect(reply.messages[0]).toMatch(/7/);
  });

  test('repeated MessageSid is stored once and answered once', async () => {
    const from = '+31611112222';
    await twilio.sendSms({ from, body: 'hallo' });
    await twilio.sendSms({ from, body: 'ja' });
    const messageSid = FakeTwilio.messageSid();

    const first = await twilio.sendSms({ from, body: '3', messageSid });
    const retry = await twilio.sendSms({ from, body: '3', messageSid });

    expect(first.messages).toHaveLength(1);
    expect(retry.status).toBe(200);
    expect(retry.messages).toHaveLength(0);
    const next = await twilio.sendSms({ from, body: 'De wachttijd' });
    expect(next.messages.length).toBeGreaterThanOrEqual(1);
    const answers = await AnswerModel.find({ score: 3 }).lean();
    expect(answers).toHaveLength(1);
  });

  test('wrong signature is rejected with 403', async () => {
    const reply = await twilio.sendSms({ from: PHONE, body: 'hallo', signWith: 'not-the-token' });

    expect(reply.status).toBe(403);
  });

  test('missing signature is rejected with 403', async () => {
    const reply = await twilio.sendSms({ from: PHONE, body: 'hallo', unsigned: true });

    expect(reply.status).toBe(403);
  });

  test('signature over another URL is rejected', async () => {
    const elsewhere = new FakeTwilio({
      authToken: TEST_TWILIO_TOKEN,
      publicUrl: 'https://attacker.example.test',
      serverUrl: server.url,
      path: '/twilio/sms',
    });

    const reply = await elsewhere.sendSms({ from: PHONE, body: 'hallo' });

    expect(reply.status).toBe(403);
  });

  test('declining consent keeps only the suppression', async () => {
    const from = '+31633334444';
    await twilio.sendSms({ from, body: 'hallo' });

    const declined = await twilio.sendSms({ from, body: 'nee dank je' });
    const again = await twilio.sendSms({ from, body: 'hallo?' });

    expect(declined.messages).toHaveLength(1);
    expect(again.messages).toHaveLength(1);
    expect(again.messages[0]).toMatch(/START/);
    expect(await ConversationModel.countDocuments({ status: 'declined' })).toBe(0);
  });

  test('no collection holds a phone number or follow-up text', async () => {
    const dump = await rawDump();

    expect(dump).not.toContain('612345678');
    expect(dump).not.toContain('687654321');
    expect(dump).not.toContain('Pieterbaas');
    expect(dump).not.toContain('piet@example.nl');
    expect(dump).not.toContain('wachttijd');
  });

  test('no log line holds a phone number or answer text', async () => {
    const logs = server.rawLogs();

    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain('612345678');
    expect(logs).not.toContain('Pieterbaas');
    expect(logs).not.toContain('wachttijd');
  });

  test('report counts the stored answers', async () => {
    const response = await fetch(`${server.url}/api/v1/surveys/service-visit/report`, {
      headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });

    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.n).toBe(2);
    expect(report.distribution['6']).toBe(1);
    expect(report.distribution['3']).toBe(1);
  });
});

describe('Twilio webhook without an auth token', () => {
  test('answers 503 naming the setting', async () => {
    const server = await startTestServer({ TWILIO_AUTH_TOKEN: '' });
    const twilio = new FakeTwilio({
      authToken: 'anything',
      publicUrl: TEST_PUBLIC_URL,
      serverUrl: server.url,
      path: '/twilio/sms',
    });

    const reply = await twilio.sendSms({ from: PHONE, body: 'hallo' });
    await server.stop();

    expect(reply.status).toBe(503);
    expect(reply.body).toContain('TWILIO_AUTH_TOKEN');
  });
});

describe('keywords over the Twilio webhook', () => {
  let server: TestServer;
  let twilio: FakeTwilio;

  beforeAll(async () => {
    server = await startTestServer();
    twilio = signedTwilio(server.url, '/twilio/sms');
  });

  afterAll(async () => {
    await server.stop();
  });

  async function startSurvey(from: string): Promise<void> {
    await twilio.sendSms({ from, body: 'hallo' });
    await twilio.sendSms({ from, body: 'ja' });
  }

  function latestConversation() {
    return ConversationModel.findOne({}).sort({ updatedAt: -1 }).lean();
  }

  test('OptOutType STOP stops silently and stores nothing', async () => {
    const from = '+31620000001';
    await startSurvey(from);
    const answersBefore = await AnswerModel.countDocuments({});

    const reply = await twilio.sendSms({ from, body: 'Stop', extra: { OptOutType: 'STOP' } });

    expect(reply.status).toBe(200);
    expect(reply.messages).toHaveLength(0);
    expect(reply.body).toMatch(/<Response\s*\/>|<Response><\/Response>/);
    const conversation = await latestConversation();
    expect(conversation?.status).toBe('stopped');
    expect(await AnswerModel.countDocuments({})).toBe(answersBefore);
    expect(await SuppressionModel.countDocuments({ reason: 'stopped', surveyId: '*' })).toBe(1);
  });

  test('OptOutType STOP maps a configured synonym', async () => {
    const from = '+31620000002';
    await startSurvey(from);

    const reply = await twilio.sendSms({ from, body: 'ARRET', extra: { OptOutType: 'STOP' } });

    expect(reply.messages).toHaveLength(0);
    expect((await latestConversation())?.status).toBe('stopped');
    expect(await SuppressionModel.countDocuments({ reason: 'stopped' })).toBe(2);
  });

  test('OptOutType START lifts without resuming', async () => {
    const from = '+31620000003';
    await startSurvey(from);
    await twilio.sendSms({ from, body: 'STOP', extra: { OptOutType: 'STOP' } });
    const suppressed = await SuppressionModel.countDocuments({});
    const open = { status: { $in: ['consent', 'open'] } };
    const openBefore = await ConversationModel.countDocuments(open);

    const reply = await twilio.sendSms({ from, body: 'START', extra: { OptOutType: 'START' } });

    expect(reply.messages).toHaveLength(0);
    expect(await SuppressionModel.countDocuments({})).toBe(suppressed - 1);
    expect((await latestConversation())?.status).toBe('stopped');
    expect(await ConversationModel.countDocuments(open)).toBe(openBefore);
  });

  test('OptOutType HELP leaves the reply to Twilio', async () => {
    const from = '+31620000004';
    await startSurvey(from);

    const reply = await twilio.sendSms({ from, body: 'HELP', extra: { OptOutType: 'HELP' } });

    expect(reply.messages).toHaveLength(0);
    expect((await latestConversation())?.status).toBe('open');
  });

  test('HELP without Advanced Opt-Out gets one reply', async () => {
    const from = '+31620000005';
    await startSurvey(from);

    const reply = await twilio.sendSms({ from, body: 'help' });

    expect(reply.messages).toHaveLength(1);
    expect(reply.messages[0]).toMatch(/STOP/);
    expect((await latestConversation())?.status).toBe('open');
  });

  test('Dutch STOPPEN stops with a confirmation', async () => {
    const from = '+31620000006';
    await startSurvey(from);
    const answersBefore = await AnswerModel.countDocuments({});

    const reply = await twilio.sendSms({ from, body: 'STOPPEN' });

    expect(reply.messages).toHaveLength(1);
    expect(reply.messages[0]).toMatch(/START/);
    expect((await latestConversation())?.status).toBe('stopped');
    expect(await AnswerModel.countDocuments({})).toBe(answersBefore);
  });

  test('OptOutType STOP without a conversation suppresses', async () => {
    const conversations = await ConversationModel.countDocuments({});
    const suppressions = await SuppressionModel.countDocuments({});

    const reply = await twilio.sendSms({
      from: '+31620000007',
      body: 'STOP',
      extra: { OptOutType: 'STOP' },
    });

    expect(reply.messages).toHaveLength(0);
    expect(await ConversationModel.countDocuments({})).toBe(conversations);
    expect(await SuppressionModel.countDocuments({})).toBe(suppressions + 1);
  });
});

describe('survey chosen in the Twilio webhook URL', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  function webhook(path: string): FakeTwilio {
    return new FakeTwilio({
      authToken: TEST_TWILIO_TOKEN,
      publicUrl: TEST_PUBLIC_URL,
      serverUrl: server.url,
      path,
    });
  }

  test('survey parameter starts that survey', async () => {
    const reply = await webhook('/twilio/sms?survey=service-visit').sendSms({
      from: '+31620000008',
      body: 'hallo',
    });

    expect(reply.status).toBe(200);
    expect(reply.messages[0]).toMatch(/STOP/);
  });

  test('unknown survey parameter answers 404', async () => {
    const reply = await webhook('/twilio/sms?survey=nope').sendSms({
      from: '+31620000009',
      body: 'hallo',
    });

    expect(reply.status).toBe(404);
    expect(reply.body).toContain('nope');
  });

  test('unknown default survey stops the start', async () => {
    const start = startTestServer({ SMS_INBOUND_SURVEY: 'no-such-survey' });

    await expect(start).rejects.toThrow(/SMS_INBOUND_SURVEY "no-such-survey"/);
  });
});
