import { createTwilioClient } from '../../adapters/twilio/api-client';
import { TwilioSender } from '../../adapters/twilio/sender';
import { createLogger } from '../../src/log';
import { AnswerModel, ConversationModel, MessageStatusModel } from '../../src/storage/models';
import { rawDump, useTestDatabase } from '../support/db';
import {
  startTestServer,
  TEST_PUBLIC_URL,
  TEST_TWILIO_TOKEN,
  type TestServer,
} from '../support/server';
import { signedTwilio } from '../support/signed-twilio';
import {
  FakeTwilio,
  FakeTwilioApi,
  TEST_TWILIO_ACCOUNT_SID,
  TEST_TWILIO_NUMBER,
} from '../support/twilio-fake';

useTestDatabase();

const PHONE = '+31644448888';

describe('WhatsApp survey over the Twilio webhook', () => {
  let server: TestServer;
  let twilio: FakeTwilio;

  beforeAll(async () => {
    server = await startTestServer();
    twilio = signedTwilio(server.url, '/twilio/sms');
  });

  afterAll(async () => {
    await server.stop();
  });

  test('whole conversation stores a WhatsApp answer', async () => {
    const profileName = 'Pieternella Pieterbaas';

    const opening = await twilio.sendWhatsApp({ from: PHONE, body: 'Hoi', profileName });
    const consent = await twilio.sendWhatsApp({ from: PHONE, body: 'Ja', profileName });
    const score = await twilio.sendWhatsApp({ from: PHONE, body: '7', profileName });
    const followUp = await twilio.sendWhatsApp({ from: PHONE, body: 'Snel geholpen', profileName });

    expect(opening.status).toBe(200);
    expect(opening.messages[0]).toMatch(/STOP/);
    expect(consent.messages.join(' ')).toMatch(/1.*7/);
    expect(score.messages).toHaveLength(1);
    expect(followUp.messages.join(' ')).toMatch(/Bedankt/);
    const answer = await AnswerModel.findOne({ channel: 'whatsapp' }).lean();
    expect(answer?.score).toBe(7);
  });

  test('SMS from the same number shares the pseudonym', async () => {
    await twilio.sendSms({ from: PHONE, body: 'Hoi' });

    const whatsapp = await ConversationModel.findOne({ channel: 'whatsapp' }).lean();
    const sms = await ConversationModel.findOne({ channel: 'sms' }).lean();
    expect(sms?.respondent).toEqual(expect.any(String));
    expect(sms?.respondent).toBe(whatsapp?.respondent);
    expect(sms?._id).not.toEqual(whatsapp?._id);
  });

  test('no collection holds the number or profile name', async () => {
    const dump = await rawDump();

    expect(dump).not.toContain('644448888');
    expect(dump).not.toContain('Pieterbaas');
    expect(dump).not.toContain('Snel geholpen');
  });

  test('no log line holds the number or profile name', () => {
    const logs = server.rawLogs();

    expect(logs).not.toContain('644448888');
    expect(logs).not.toContain('Pieterbaas');
  });
});

describe('TwilioSender', () => {
  let api: FakeTwilioApi;
  const log = createLogger({ level: 'silent' });

  beforeAll(async () => {
    api = await FakeTwilioApi.start({
      accountSid: TEST_TWILIO_ACCOUNT_SID,
      authToken: TEST_TWILIO_TOKEN,
    });
  });

  afterAll(async () => {
    await api.stop();
  });

  function sender(channel: 'sms' | 'whatsapp', from: string): TwilioSender {
    const client = createTwilioClient({
      accountSid: TEST_TWILIO_ACCOUNT_SID,
      authToken: TEST_TWILIO_TOKEN,
      apiUrl: api.url,
    });
    const statusCallback = `${TEST_PUBLIC_URL}/twilio/status`;
    return new TwilioSender({ channel, client, from, statusCallback, log });
  }

  test('WhatsApp sender prefixes both addresses', async () => {
    const whatsapp = sender('whatsapp', TEST_TWILIO_NUMBER);
    const address = await whatsapp.resolve('06 4444 7777');

    await whatsapp.send(address, [{ text: 'Hallo' }], { conversationId: 'conversation-1' });

    const [message] = api.sentTo('whatsapp:+31644447777');
    expect(message?.params.From).toBe(`whatsapp:${TEST_TWILIO_NUMBER}`);
    expect(message?.params.Body).toBe('Hallo');
    const status = await MessageStatusModel.findById(message?.sid).lean();
    expect(status?.conversationId).toBe('conversation-1');
    expect(status?.channel).toBe('whatsapp');
    expect(status?.status).toBe('queued');
  });

  test('SMS sender strips a WhatsApp sender prefix', async () => {
    const sms = sender('sms', `whatsapp:${TEST_TWILIO_NUMBER}`);

    await sms.send({ kind: 'phone', value: '+31644447776' }, [{ text: 'Hallo' }]);

    expect(api.sentTo('+31644447776')[0]?.params.From).toBe(TEST_TWILIO_NUMBER);
  });

  test('Messaging Service SID replaces From', async () => {
    const service = `MG${'a'.repeat(32)}`;
    const sms = sender('sms', service);

    await sms.send({ kind: 'phone', value: '+31644447775' }, [{ text: 'Hallo' }]);

    const [message] = api.sentTo('+31644447775');
    expect(message?.params.MessagingServiceSid).toBe(service);
    expect(message?.params.From).toBeUndefined();
  });

  test('wrong credentials fail with the error code', async () => {
    const client = createTwilioClient({
      accountSid: TEST_TWILIO_ACCOUNT_SID,
      authToken: 'wrong-token',
      apiUrl: api.url,
    });
    const sms = new TwilioSender({ channel: 'sms', client, from: TEST_TWILIO_NUMBER, log });

    const sending = sms.send({ kind: 'phone', value: '+31644447774' }, [{ text: 'Hallo' }]);

    await expect(sending).rejects.toThrow('20003');
    expect(api.unauthorized).toBe(1);
  });

  test('unreachable API fails with advice', async () => {
    const client = createTwilioClient({
      accountSid: TEST_TWILIO_ACCOUNT_SID,
      authToken: TEST_TWILIO_TOKEN,
      apiUrl: 'http://127.0.0.1:9',
    });
    const sms = new TwilioSender({ channel: 'sms', client, from: TEST_TWILIO_NUMBER, log });

    const sending = sms.send({ kind: 'phone', value: '+31644447773' }, [{ text: 'Hallo' }]);

    await expect(sending).rejects.toThrow('TWILIO_API_URL');
  });
});
