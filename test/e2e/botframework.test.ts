import { AnswerModel, ConsentModel, ConversationModel } from '../../src/storage/models';
import {
  FakeBotConnector,
  replyText,
  suggestedValues,
  type ConnectorRequest,
} from '../support/botframework-fake';
import { rawDump, useTestDatabase } from '../support/db';
import { startTestServer, type TestServer } from '../support/server';

useTestDatabase();

const USER_ID = 'user-9f3e1c7a-Marit';
const CONVERSATION_ID = 'conversation-a81c4-Marit';
const FOLLOW_UP = 'Agent Wouterkamp fixed it, but mail me on marit@example.nl next time';

/** An app id of the GUID form Azure issues; no Microsoft service is ever asked about it. */
const TEST_APP_ID = '00000000-0000-4000-8000-00000000b07f';

function onlyReply(replies: ConnectorRequest[]): ConnectorRequest {
  expect(replies).toHaveLength(1);
  return replies[0]!;
}

describe('Bot Framework survey without authentication', () => {
  let server: TestServer;
  let connector: FakeBotConnector;

  beforeAll(async () => {
    server = await startTestServer();
    connector = await FakeBotConnector.start(server.url);
  });

  afterAll(async () => {
    await connector?.stop();
    await server?.stop();
  });

  test('whole conversation stores one answer', async () => {
    const user = { conversationId: CONVERSATION_ID, userId: USER_ID, locale: 'en-US' };

    const joined = await connector.addUser(user);
    const consent = onlyReply(joined.replies);
    expect(joined.status).toBe(200);
    expect(replyText(consent)).toMatch(/Will you take part\?/);
    expect(suggestedValues(consent)).toEqual(['yes', 'no']);

    const ces = onlyReply((await connector.sendMessage({ ...user, text: 'yes' })).replies);
    expect(suggestedValues(ces)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(replyText(ces)).not.toMatch(/Reply 1 to 7/);

    const resolved = onlyReply((await connector.sendMessage({ ...user, text: '6' })).replies);
    expect(suggestedValues(resolved)).toEqual(['yes', 'no']);

    const agent = onlyReply((await connector.sendMessage({ ...user, text: 'yes' })).replies);
    expect(suggestedValues(agent)).toHaveLength(11);

    const improvement = onlyReply((await connector.sendMessage({ ...user, text: '9' })).replies);
    expect(suggestedValues(improvement)).toEqual([]);

    const thanks = await connector.sendMessage({ ...user, text: FOLLOW_UP });
    expect(replyText(thanks.replies[0]!)).toMatch(/Thank you/);

    const answers = await AnswerModel.find({ surveyId: 'support-chat' }).lean();
    expect(answers).toHaveLength(1);
    expect(answers[0]?.channel).toBe('botframework');
    expect(answers[0]?.score).toBe(6);
    expect(answers[0]?.locale).toBe('en');
    expect(answers[0]?.values).toMatchObject({ resolved: true, agent: 9 });
    expect(await ConsentModel.countDocuments({ granted: true })).toBe(1);
  });

  test('replies go to the serviceUrl without a token', async () => {
    const user = { conversationId: 'conversation-token-check', userId: 'user-token-check' };

    const joined = await connector.addUser({ ...user, id: 'update-1' });

    const reply = onlyReply(joined.replies);
    expect(reply.conversationId).toBe('conversation-token-check');
    expect(reply.replyToActivityId).toBe('update-1');
    expect(reply.authorization).toBeUndefined();
    expect(reply.activity.recipient).toMatchObject({ id: 'user-token-check' });
  });

  test('repeated activity id is answered once', async () => {
    const user = { conversationId: 'conversation-repeat', userId: 'user-repeat' };
    await connector.addUser(user);
    await connector.sendMessage({ ...user, text: 'yes' });

    const first = await connector.sendMessage({ ...user, id: 'message-42', text: '3' });
    const retry = await connector.sendMessage({ ...user, id: 'message-42', text: '3' });

    expect(first.replies).toHaveLength(1);
    expect(retry.status).toBe(200);
    expect(retry.replies).toHaveLength(0);
    const next = await connector.sendMessage({ ...user, text: 'no' });
    expect(replyText(onlyReply(next.replies))).toMatch(/easier/);
  });

  test('same activity id in another conversation is answered', async () => {
    const first = { conversationId: 'conversation-scope-1', userId: 'user-scope-1' };
    const second = { conversationId: 'conversation-scope-2', userId: 'user-scope-2' };

    const one = await connector.sendMessage({ ...first, id: 'shared-id', text: 'hello' });
    const two = await connector.sendMessage({ ...second, id: 'shared-id', text: 'hello' });

    expect(one.replies).toHaveLength(1);
    expect(two.replies).toHaveLength(1);
  });

  test('Dutch activity locale gets the Dutch survey', async () => {
    const user = { conversationId: 'conversation-nl', userId: 'user-nl', locale: 'nl-NL' };

    const joined = await connector.addUser(user);
    const ces = await connector.sendMessage({ ...user, text: 'ja' });

    expect(replyText(onlyReply(joined.replies))).toMatch(/Doet u mee\?/);
    expect(replyText(onlyReply(ces.replies))).toMatch(/Hoeveel bent u het eens/);
  });

  test('button value with stepId is taken as an action', async () => {
    const user = { conversationId: 'conversation-value', userId: 'user-value' };
    await connector.addUser(user);

    const pressed = await connector.sendMessage({
      ...user,
      value: { stepId: 'consent', value: 'yes' },
    });

    expect(suggestedValues(onlyReply(pressed.replies))).toHaveLength(7);
  });

  test('button value for another step is re-prompted', async () => {
    const user = { conversationId: 'conversation-stale', userId: 'user-stale' };
    await connector.addUser(user);
    await connector.sendMessage({ ...user, text: 'yes' });

    const stale = await connector.sendMessage({
      ...user,
      value: { stepId: 'consent', value: 'no' },
    });

    const reprompt = onlyReply(stale.replies);
    expect(suggestedValues(reprompt)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  test('Teams gets the scale as text with a reply hint', async () => {
    const user = {
      conversationId: 'a:1teams-personal',
      userId: '29:1teams-user',
      channelId: 'msteams',
    };
    await connector.addUser(user);

    const ces = await connector.sendMessage({ ...user, text: 'yes' });

    const question = onlyReply(ces.replies);
    expect(suggestedValues(question)).toEqual([]);
    expect(replyText(question)).toMatch(/Reply 1 to 7/);
  });

  test('group conversation gets no reply', async () => {
    const group = { conversationId: 'conversation-group', userId: 'user-group', isGroup: true };

    const joined = await connector.addUser(group);
    const message = await connector.sendMessage({ ...group, text: 'hello' });

    expect(joined.status).toBe(200);
    expect(joined.replies).toHaveLength(0);
    expect(message.replies).toHaveLength(0);
  });

  test('other activity types get no reply', async () => {
    const typing = { type: 'typing', channelId: 'emulator', serviceUrl: connector.serviceUrl };

    const exchange = await connector.post(typing);

    expect(exchange.status).toBe(200);
    expect(exchange.replies).toHaveLength(0);
  });

  test('remote serviceUrl is rejected with 403', async () => {
    const user = { conversationId: 'conversation-remote', userId: 'user-remote' };

    const exchange = await connector.addUser({
      ...user,
      serviceUrl: 'https://attacker.example.test',
    });

    expect(exchange.status).toBe(403);
    expect(exchange.body).toContain('MicrosoftAppId');
  });

  test('activity without conversation gets 400', async () => {
    const body = { type: 'message', channelId: 'emulator', serviceUrl: connector.serviceUrl };

    const exchange = await connector.post({ ...body, from: { id: 'u' }, recipient: { id: 'b' } });

    expect(exchange.status).toBe(400);
    expect(exchange.body).toContain('conversation');
  });

  test('no collection holds ids or free text', async () => {
    const dump = await rawDump();

    expect(dump).not.toContain('Marit');
    expect(dump).not.toContain('Wouterkamp');
    expect(dump).not.toContain('marit@example.nl');
    expect(dump).not.toContain('conversation-repeat');
  });

  test('no log line holds ids or free text', async () => {
    const logs = server.rawLogs();

    expect(logs).toContain('botframework authentication is off');
    expect(logs).not.toContain('Marit');
    expect(logs).not.toContain('Wouterkamp');
  });
});

describe('Bot Framework with authentication on', () => {
  let server: TestServer;
  let connector: FakeBotConnector;

  beforeAll(async () => {
    server = await startTestServer({
      MicrosoftAppId: TEST_APP_ID,
      MicrosoftAppPassword: 'test-app-password-not-used',
    });
    connector = await FakeBotConnector.start(server.url);
  });

  afterAll(async () => {
    await connector?.stop();
    await server?.stop();
  });

  // Both requests fail before the SDK would fetch signing keys, so no Microsoft host is contacted.
  test('missing token gets 401, server stays up', async () => {
    const user = { conversationId: 'conversation-anon', userId: 'user-anon' };
    const conversationsBefore = await ConversationModel.countDocuments({});

    const exchange = await connector.sendMessage({ ...user, text: 'hello' });
    const health = await fetch(`${server.url}/healthz`);

    expect(exchange.status).toBe(401);
    expect(await ConversationModel.countDocuments({})).toBe(conversationsBefore);
    expect(JSON.parse(exchange.body)).toMatchObject({ code: 'unauthorized' });
    expect(exchange.replies).toHaveLength(0);
    expect(health.status).toBe(200);
  });

  test('garbage token gets 401, server stays up', async () => {
    const user = { conversationId: 'conversation-garbage', userId: 'user-garbage' };

    const exchange = await connector.addUser({ ...user, authorization: 'Bearer not-a-jwt' });
    const health = await fetch(`${server.url}/healthz`);

    expect(exchange.status).toBe(401);
    expect(JSON.parse(exchange.body)).toMatchObject({ code: 'unauthorized' });
    expect(exchange.replies).toHaveLength(0);
    expect(health.status).toBe(200);
  });

  test('rejection is logged at warn without the token', async () => {
    const warnings = server.logs.filter((line) => line.msg === 'rejected botframework request');

    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(warnings.every((line) => line.level === 40)).toBe(true);
    expect(server.rawLogs()).not.toContain('not-a-jwt');
  });
});

describe('Bot Framework settings at start', () => {
  test('SingleTenant without tenant id refuses to start', async () => {
    const starting = startTestServer({
      MicrosoftAppId: TEST_APP_ID,
      MicrosoftAppPassword: 'test-app-password-not-used',
      MicrosoftAppType: 'SingleTenant',
    });

    await expect(starting).rejects.toThrow(/MicrosoftAppTenantId/);
  });
});
