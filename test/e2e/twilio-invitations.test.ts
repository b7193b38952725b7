import { rawDump, useTestDatabase } from '../support/db';
import {
  FakeTwilio,
  FakeTwilioApi,
  TEST_TWILIO_ACCOUNT_SID,
  TEST_TWILIO_NUMBER,
} from '../support/twilio-fake';
import {
  startTestServer,
  TEST_ADMIN_KEY,
  TEST_PUBLIC_URL,
  TEST_TWILIO_TOKEN,
  type TestServer,
} from '../support/server';
import { signedTwilio } from '../support/signed-twilio';
import { ConversationModel, MessageStatusModel, SuppressionModel } from '../../src/storage/models';

useTestDatabase();

const INVITATIONS_URL = '/api/v1/surveys/service-visit/invitations';

interface InvitationResponse {
  status: number;
  body: {
    counts?: Record<string, number>;
    results?: Array<{ row: number; status: string; conversationId?: string; error?: string }>;
    code?: string;
    message?: string;
  };
}

async function invite(
  server: TestServer,
  body: unknown,
  options: { contentType?: string; path?: string; auth?: boolean } = {},
): Promise<InvitationResponse> {
  const contentType = options.contentType ?? 'application/json';
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if (options.auth !== false) headers.Authorization = `Bearer ${TEST_ADMIN_KEY}`;
  const response = await fetch(server.url + (options.path ?? INVITATIONS_URL), {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function firstResult(response: InvitationResponse) {
  const result = response.body.results?.[0];
  if (!result) throw new Error(`no result in ${JSON.stringify(response.body)}`);
  return result;
}

describe('SMS invitations through the Twilio REST API', () => {
  let api: FakeTwilioApi;
  let server: TestServer;
  let twilio: FakeTwilio;

  beforeAll(async () => {
    api = await FakeTwilioApi.start({
      accountSid: TEST_TWILIO_ACCOUNT_SID,
      authToken: TEST_TWILIO_TOKEN,
    });
    server = await startTestServer({
      TWILIO_ACCOUNT_SID: TEST_TWILIO_ACCOUNT_SID,
      TWILIO_FROM: TEST_TWILIO_NUMBER,
      TWILIO_API_URL: api.url,
    });
    twilio = signedTwilio(server.url, '/twilio/sms');
  });

  afterAll(async () => {
    await server.stop();
    await api.stop();
  });

  test('invitation sends the consent question', async () => {
    const response = await invite(server, {
      channel: 'sms',
      to: '06 1234 5678',
      metadata: { region: 'north', customerName: 'Pieterbaas' },
    });

    expect(response.status).toBe(200);
    const result = firstResult(response);
    expect(result.status).toBe('sent');
    expect(result.conversationId).toEqual(expect.any(String));
    const sent = api.sentTo('+31612345678');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.params.From).toBe(TEST_TWILIO_NUMBER);
    expect(sent[0]?.params.Body).toMatch(/STOP/);
    expect(sent[0]?.params.StatusCallback).toBe(`${TEST_PUBLIC_URL}/twilio/status`);
    expect(api.unauthorized).toBe(0);
  });

  test('reply over the webhook continues the invitation', async () => {
    const consent = await twilio.sendSms({ from: '+31612345678', body: 'Ja' });
    const score = await twilio.sendSms({ from: '+31612345678', body: '6' });

    expect(consent.messages.join(' ')).toMatch(/1.*7/);
    expect(score.messages).toHaveLength(1);
    const conversation = await ConversationModel.findOne({ status: 'open' }).lean();
    expect(conversation?.metadata).toEqual({ region: 'north' });
  });

  test('second invitation finds the open conversation', async () => {
    const first = await ConversationModel.findOne({ status: 'open' }).lean();

    const response = await invite(server, { channel: 'sms', to: '+31612345678' });

    expect(firstResult(response)).toEqual({
      row: 1,
      status: 'already-open',
      conversationId: String(first?._id),
    });
    expect(api.sentTo('+31612345678')).toHaveLength(1);
  });

  test('late sent callback keeps delivered', async () => {
    const messageSid = api.sentTo('+31612345678')[0]?.sid ?? '';

    const delivered = await twilio.sendStatus({
      messageSid,
      status: 'delivered',
      to: '+31612345678',
    });
    const sent = await twilio.sendStatus({ messageSid, status: 'sent', to: '+31612345678' });

    expect(delivered.status).toBe(204);
    expect(sent.status).toBe(204);
    const stored = await MessageStatusModel.findById(messageSid).lean();
    expect(stored?.status).toBe('delivered');
    expect(stored?.conversationId).toEqual(expect.any(String));
    expect(stored?.deliveryFailed).toBeUndefined();
  });

  test('duplicate callback changes nothing', async () => {
    const messageSid = api.sentTo('+31612345678')[0]?.sid ?? '';
    const before = await MessageStatusModel.findById(messageSid).lean();

    const again = await twilio.sendStatus({ messageSid, status: 'delivered', to: '+31612345678' });

    expect(again.status).toBe(204);
    const after = await MessageStatusModel.findById(messageSid).lean();
    expect(after).toEqual(before);
    expect(await MessageStatusModel.countDocuments({ _id: messageSid })).toBe(1);
  });

  test('callback before the send record keeps its status', async () => {
    const messageSid = FakeTwilio.messageSid();

    await twilio.sendStatus({ messageSid, status: 'sending', to: '+31600000001' });
    await twilio.sendStatus({ messageSid, status: 'queued', to: '+31600000001' });

    expect((await MessageStatusModel.findById(messageSid).lean())?.status).toBe('sending');
  });

  test('unsigned status callback is rejected', async () => {
    const messageSid = api.sentTo('+31612345678')[0]?.sid ?? '';

    const unsigned = await twilio.sendStatus({
      messageSid,
      status: 'failed',
      to: '+31612345678',
      unsigned: true,
    });
    const forged = await twilio.sendStatus({
      messageSid,
      status: 'failed',
      to: '+31612345678',
      signWith: 'not-the-token',
    });

    expect(unsigned.status).toBe(403);
    expect(forged.status).toBe(403);
    expect((await MessageStatusModel.findById(messageSid).lean())?.status).toBe('delivered');
  });

  test('21610 at sending suppresses without retry', async () => {
    api.failFor('+31687654321', 21610);
    const conversations = await ConversationModel.countDocuments({});

    const first = await invite(server, { channel: 'sms', to: '+31687654321' });
    const later = await invite(server, { channel: 'sms', to: '+31687654321' });

    expect(firstResult(first).status).toBe('suppressed');
    expect(firstResult(first).error).toContain('21610');
    expect(firstResult(later).status).toBe('suppressed');
    expect(api.messages.filter((message) => message.params.To === '+31687654321')).toHaveLength(1);
    expect(await ConversationModel.countDocuments({})).toBe(conversations);
    const suppression = await SuppressionModel.findOne({ reason: 'provider-opt-out' }).lean();
    expect(suppression?.surveyId).toBe('*');
    expect(suppression?.channel).toBe('sms');
  });

  test('21610 in a status callback suppresses', async () => {
    const sent = await invite(server, { channel: 'sms', to: '+31611112222' });
    const messageSid = api.sentTo('+31611112222')[0]?.sid ?? '';

    const callback = await twilio.sendStatus({
      messageSid,
      status: 'failed',
      to: '+31611112222',
      errorCode: 21610,
    });
    const later = await invite(server, { channel: 'sms', to: '+31611112222' });

    expect(firstResult(sent).status).toBe('sent');
    expect(callback.status).toBe(204);
    expect(await SuppressionModel.countDocuments({ reason: 'provider-opt-out' })).toBe(2);
    expect(firstResult(later).status).toBe('suppressed');
    expect(api.sentTo('+31611112222')).toHaveLength(1);
  });

  test('undelivered invitation is marked and sent again', async () => {
    const first = await invite(server, { channel: 'sms', to: '+31622223333' });
    const messageSid = api.sentTo('+31622223333')[0]?.sid ?? '';

    await twilio.sendStatus({
      messageSid,
      status: 'undelivered',
      to: '+31622223333',
      errorCode: 30003,
    });
    const again = await invite(server, { channel: 'sms', to: '+31622223333' });

    const marked = await MessageStatusModel.findById(messageSid).lean();
    expect(marked?.deliveryFailed).toBe(true);
    expect(marked?.errorCode).toBe(30003);
    expect(marked?.conversationId).toBe(firstResult(first).conversationId);
    expect(firstResult(again).status).toBe('sent');
    expect(firstResult(again).conversationId).not.toBe(firstResult(first).conversationId);
    expect(api.sentTo('+31622223333')).toHaveLength(2);
  });

  test('invalid number is a row error', async () => {
    api.failFor('+31633334444', 21211);

    const response = await invite(server, [
      { channel: 'sms', to: '+31633334444' },
      { channel: 'sms', to: 'not a number' },
      { channel: 'sms' },
    ]);

    expect(response.status).toBe(200);
    const [rejected, invalid, missing] = response.body.results ?? [];
    expect(rejected).toMatchObject({ row: 1, status: 'failed' });
    expect(rejected?.error).toContain('21211');
    expect(rejected?.error).not.toContain('633334444');
    expect(invalid).toMatchObject({ row: 2, status: 'failed' });
    expect(invalid?.error).toContain('phone number');
    expect(missing).toMatchObject({ row: 3, status: 'failed' });
    expect(missing?.error).toContain('to');
    expect(response.body.counts).toEqual({ sent: 0, 'already-open': 0, suppressed: 0, failed: 3 });
  });

  test('CSV invitations drop undeclared columns', async () => {
    const csv =
      'channel,to,locale,region,customerName\n' +
      'sms,+31644440001,en,south,Klaasje Vermeer\n' +
      'sms,+316,nl,north,Jan Smit\n' +
      'fax,+31644440003,nl,east,Els\n';

    const response = await invite(server, csv, { contentType: 'text/csv' });

    expect(response.status).toBe(200);
    const [sent, badNumber, badChannel] = response.body.results ?? [];
    expect(sent).toMatchObject({ row: 1, status: 'sent' });
    expect(badNumber).toMatchObject({ row: 2, status: 'failed' });
    expect(badChannel).toMatchObject({ row: 3, status: 'failed' });
    expect(badChannel?.error).toContain('channel');
    const conversation = await ConversationModel.findById(sent?.conversationId).lean();
    expect(conversation?.metadata).toEqual({ region: 'south' });
    expect(conversation?.locale).toBe('en');
    expect(api.sentTo('+31644440001')[0]?.params.Body).toMatch(/Reply STOP/);
  });

  test('CSV columns dropped are logged by name only', () => {
    const logs = server.rawLogs();

    expect(logs).toContain('customerName');
    expect(logs).not.toContain('Klaasje');
    expect(logs).not.toContain('Pieterbaas');
  });

  test('WhatsApp invitation is refused', async () => {
    const response = await invite(server, { channel: 'whatsapp', to: '+31655556666' });

    expect(response.status).toBe(400);
    expect(response.body.message).toContain('24-hour');
    expect(api.sentTo('whatsapp:+31655556666')).toHaveLength(0);
  });

  test('channel the survey lacks is rejected', async () => {
    const response = await invite(
      server,
      { channel: 'sms', to: '+31655556666' },
      {
        path: '/api/v1/surveys/it-helpdesk/invitations',
      },
    );

    expect(response.status).toBe(400);
    expect(response.body.message).toContain('does not run on sms');
  });

  test('unknown survey answers 404', async () => {
    const response = await invite(
      server,
      { channel: 'sms', to: '+31655556666' },
      {
        path: '/api/v1/surveys/no-such-survey/invitations',
      },
    );

    expect(response.status).toBe(404);
  });

  test('more than 5000 rows answer 413', async () => {
    const rows = Array.from(
      { length: 5001 },
      (_, index) => `sms,+3162${String(index).padStart(7, '0')}`,
    );

    const response = await invite(server, `channel,to\n${rows.join('\n')}\n`, {
      contentType: 'text/csv',
    });

    expect(response.status).toBe(413);
    expect(response.body.message).toContain('5000');
  });

  test('bad CSV header answers 400', async () => {
    const response = await invite(server, 'kanaal,nummer\nsms,+31655556666\n', {
      contentType: 'text/csv',
    });

    expect(response.status).toBe(400);
    expect(response.body.message).toContain('"channel"');
  });

  test('other content types answer 415', async () => {
    const response = await invite(server, 'sms +31655556666', { contentType: 'text/plain' });

    expect(response.status).toBe(415);
  });

  test('invitations need the admin key', async () => {
    const response = await invite(server, { channel: 'sms', to: '+31655556666' }, { auth: false });

    expect(response.status).toBe(401);
  });

  test('no collection holds a number or an undeclared value', async () => {
    const dump = await rawDump();

    for (const text of [
      '612345678',
      '687654321',
      '611112222',
      '644440001',
      'Klaasje',
      'Pieterbaas',
    ]) {
      expect(dump).not.toContain(text);
    }
  });

  test('no log line holds a phone number', () => {
    const logs = server.rawLogs();

    for (const text of ['612345678', '687654321', '611112222', '633334444', '644440001']) {
      expect(logs).not.toContain(text);
    }
  });
});

describe('Twilio outbound switched off', () => {
  function twilioSwitchLines(server: TestServer) {
    return server.logs.filter(
      (line) => line.channel === 'twilio' && String(line.msg).includes('switched off'),
    );
  }

  test('invitation answers 503 naming the variables', async () => {
    const server = await startTestServer({ TWILIO_ACCOUNT_SID: '', TWILIO_FROM: '' });

    const response = await invite(server, { channel: 'sms', to: '+31655556666' });
    const switchedOff = twilioSwitchLines(server);
    await server.stop();

    expect(response.status).toBe(503);
    expect(response.body.message).toContain('TWILIO_ACCOUNT_SID');
    expect(response.body.message).toContain('TWILIO_FROM');
    expect(response.body.message).not.toContain('TWILIO_AUTH_TOKEN');
    expect(switchedOff).toHaveLength(1);
  });

  test('no auth token logs one line', async () => {
    const server = await startTestServer({ TWILIO_AUTH_TOKEN: '' });

    const switchedOff = twilioSwitchLines(server);
    await server.stop();

    expect(switchedOff).toHaveLength(1);
    expect(switchedOff[0]?.missing).toEqual([
      'TWILIO_ACCOUNT_SID',
      'TWILIO_AUTH_TOKEN',
      'TWILIO_FROM',
    ]);
  });
});
