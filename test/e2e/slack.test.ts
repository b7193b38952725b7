import { rawDump, useTestDatabase } from '../support/db';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from '../support/server';
import {
  buttonPressPayload,
  directMessageEvent,
  FakeSlackApi,
  messageChangedEvent,
  messageDeletedEvent,
  signSlackRequest,
  SlackRequestSender,
  TEST_SLACK_BOT_ID,
  TEST_SLACK_BOT_USER,
  type ButtonPress,
  type RecordedCall,
  type SignedRequestOptions,
} from '../support/slack-fake';
import itHelpdesk from '../../dialogs/it-helpdesk';
import {
  AnswerModel,
  AuditModel,
  ConversationModel,
  DeliveryModel,
} from '../../src/storage/models';

useTestDatabase();

const SIGNING_SECRET = 'test-slack-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-test-0123456789-abcdef';
const IMPROVEMENT = 'Geef <@U0MENTION1> een bonus, Marloes van Dijkhuizen loste het op';

/** Every Slack user id a test uses, so the privacy checks can look for all of them. */
const USERS = {
  whole: 'U0WHOLE001',
  retry: 'U0RETRY001',
  retryOnly: 'U0RETRY002',
  forger: 'U0FORGE001',
  deleter: 'U0DELETE01',
  editor: 'U0EDITOR01',
  lateEditor: 'U0EDITOR02',
  home: 'U0HOMETAB1',
  homeAnswer: 'U0HOMETAB2',
  quick: 'U0QUICK001',
  otherBot: 'U0OTHERBOT',
  invitedByEmail: 'U0INVITE01',
  invitedById: 'U0INVITE02',
  /** Mentioned in a typed answer, never a respondent. */
  mentioned: 'U0MENTION1',
} as const;
const INVITED_EMAIL = 'j.de.vries@example.com';
/** The question a new conversation opens with: consent, or the CES question without one. */
const FIRST_STEP = itHelpdesk.steps[0].id;

describe('Slack survey over the Events API', () => {
  let server: TestServer;
  let api: FakeSlackApi;
  let slack: SlackRequestSender;

  beforeAll(async () => {
    api = new FakeSlackApi(BOT_TOKEN);
    api.addUser(USERS.invitedByEmail, INVITED_EMAIL);
    await api.start();
    server = await startTestServer({
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: api.apiUrl,
      SLACK_INBOUND_SURVEY: 'it-helpdesk',
    });
    slack = new SlackRequestSender({
      signingSecret: SIGNING_SECRET,
      url: `${server.url}/slack/events`,
    });
  });

  afterAll(async () => {
    await server.stop();
    await api.stop();
  });

  /** Types a DM as `user`: adds it to the fake's history and sends its signed event. */
  async function typeMessage(
    user: string,
    text: string,
    options: SignedRequestOptions & { eventId?: string } = {},
  ) {
    const channel = api.dmChannel(user);
    const ts = api.addUserMessage(channel, user, text);
    const reply = await slack.sendEvent(directMessageEvent(channel, user, text, ts), options);
    return { ...reply, ts, channel };
  }

  async function press(button: ButtonPress) {
    return slack.sendInteraction(buttonPressPayload(button));
  }

  /** How many bot messages of each DM earlier waits have passed over. */
  const seen = new Map<string, number>();

  /**
   * Waits for the next bot message in the DM of `user` that `matches`, skipping earlier ones
   * such as an engine's "You can change your answer"; returns it.
   */
  async function waitForPost(
    user: string,
    matches: (call: RecordedCall) => boolean = () => true,
  ): Promise<RecordedCall> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const posts = api.posted(api.dmChannel(user));
      const index = posts.findIndex((call, i) => i >= (seen.get(user) ?? 0) && matches(call));
      if (index >= 0) {
        seen.set(user, index + 1);
        return posts[index]!;
      }
      if (Date.now() > deadline)
        throw new Error(`no matching post to ${user} after ${posts.length}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async function waitForQuestion(user: string, stepId: string): Promise<RecordedCall> {
    return waitForPost(user, (call) => questionStep(call) === stepId);
  }

  /**
   * Opens the survey for `user` with a typed "hi", gives consent if the survey asks for it, and
   * returns the CES question.
   */
  async function beginSurvey(user: string): Promise<RecordedCall> {
    await typeMessage(user, 'hi');
    const first = await waitForPost(user);
    if (questionStep(first) !== 'consent') return first;

    await press({ user, channel: api.dmChannel(user), actionId: 'ces:consent:yes', value: 'yes' });
    return waitForQuestion(user, 'ces');
  }

  /** Waits until the server has logged a line with this message. */
  async function waitForLog(message: string, match: Record<string, unknown> = {}): Promise<void> {
    const deadline = Date.now() + 10_000;
    const found = () =>
      server.logs.some(
        (line) =>
          line.msg === message &&
          Object.entries(match).every(([key, value]) => line[key] === value),
      );
    while (!found()) {
      if (Date.now() > deadline) throw new Error(`no log line "${message}"`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async function invite(to: string) {
    const response = await fetch(`${server.url}/api/v1/surveys/it-helpdesk/invitations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'slack', to, metadata: { ticketCategory: 'laptop' } }),
    });
    return { status: response.status, body: await response.json() };
  }

  function actionIds(call: RecordedCall | undefined): string[] {
    const actions = call?.params.blocks?.find(
      (block: { type: string }) => block.type === 'actions',
    );
    return actions?.elements.map((element: { action_id: string }) => element.action_id) ?? [];
  }

  function questionStep(call: RecordedCall | undefined): string | undefined {
    const section = call?.params.blocks?.find((block: { block_id?: string }) =>
      block.block_id?.startsWith('ces-step:'),
    );
    return section?.block_id.slice('ces-step:'.length);
  }

  test('url_verification returns the challenge', async () => {
    const reply = await slack.send(
      JSON.stringify({
        token: 'legacy',
        challenge: 'c3po-r2d2-challenge',
        type: 'url_verification',
      }),
      'application/json',
    );

    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ challenge: 'c3po-r2d2-challenge' });
  });

  test('DM conversation with buttons and typed replies stores one answer', async () => {
    const user = USERS.whole;
    const channel = api.dmChannel(user);

    const opening = await typeMessage(user, 'hi');
    const first = await waitForPost(user);
    if (questionStep(first) === 'consent') {
      expect(actionIds(first)).toEqual(['ces:consent:yes', 'ces:consent:no']);
      await typeMessage(user, 'yes');
    }
    const scale = await waitForQuestion(user, 'ces');
    expect(opening.status).toBe(200);
    expect(actionIds(scale)).toEqual([
      'ces:ces:1',
      'ces:ces:2',
      'ces:ces:3',
      'ces:ces:4',
      'ces:ces:5',
    ]);

    const pressed = await press({ user, channel, actionId: 'ces:ces:2', value: '2' });
    const choice = await waitForPost(user);
    expect(pressed.status).toBe(200);
    expect(questionStep(choice)).toBe('hardest-part');
    expect(actionIds(choice)).toContain('ces:hardest-part:waiting');

    await typeMessage(user, 'explain');
    const open = await waitForPost(user);
    expect(questionStep(open)).toBe('improvement');
    expect(actionIds(open)).toEqual([]);

    await typeMessage(user, IMPROVEMENT);
    const closing = await waitForPost(user);
    expect(closing.params.text).toMatch(/Thank you/);
    const answers = await AnswerModel.find({ surveyId: 'it-helpdesk', score: 2 }).lean();
    expect(answers).toHaveLength(1);
    expect(answers[0]?.channel).toBe('slack');
    expect(
      await ConversationModel.countDocuments({ surveyId: 'it-helpdesk', status: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
  });

  test('every Web API call carries the bot token', async () => {
    const calls = api.calls;

    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((call) => !call.authorized)).toEqual([]);
    expect(api.callsOf('auth.test').length).toBeGreaterThanOrEqual(1);
  });

  test('wrong signature is rejected with 401', async () => {
    const channel = api.dmChannel(USERS.quick);

    const reply = await slack.sendEvent(
      directMessageEvent(channel, USERS.quick, 'hi', '1700000000.000100'),
      {
        signWith: 'not-the-signing-secret',
      },
    );

    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).code).toBe('unauthorized');
    expect(await DeliveryModel.countDocuments({ _id: `slack:${reply.eventId}` })).toBe(0);
  });

  test('stale timestamp is rejected with 401 and a warning', async () => {
    const channel = api.dmChannel(USERS.quick);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;

    const reply = await slack.sendEvent(
      directMessageEvent(channel, USERS.quick, 'hi', '1700000000.000200'),
      {
        timestamp: sixMinutesAgo,
      },
    );

    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).message).toMatch(/X-Slack-Request-Timestamp/);
    const warning = server.logs.find(
      (line) =>
        line.msg === 'rejected slack request with an invalid signature' && line.check === 'stale',
    );
    expect(warning?.level).toBe(40);
  });

  test('tampered interaction body is rejected with 401', async () => {
    const body = new URLSearchParams({
      payload: JSON.stringify(
        buttonPressPayload({ user: USERS.quick, actionId: 'ces:ces:1', value: '1' }),
      ),
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = signSlackRequest(SIGNING_SECRET, timestamp, body);

    const response = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Slack-Request-Timestamp': String(timestamp),
        'X-Slack-Signature': signed,
      },
      body: body.replace('ces%3Aces%3A1', 'ces%3Aces%3A5'),
    });

    expect(response.status).toBe(401);
  });

  test('retried event_id is processed once', async () => {
    const user = USERS.retry;
    const first = await typeMessage(user, 'hello');
    await waitForPost(user);
    const event = directMessageEvent(first.channel, user, 'hello', first.ts);

    const retry = await slack.sendEvent(event, {
      eventId: first.eventId,
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    await waitForLog('duplicate slack delivery ignored', { deliveryId: first.eventId });

    expect(retry.status).toBe(200);
    expect(api.posted(first.channel)).toHaveLength(1);
    expect(await DeliveryModel.countDocuments({ _id: `slack:${first.eventId}` })).toBe(1);
  });

  test('first delivery arriving as a retry is processed', async () => {
    const user = USERS.retryOnly;

    const reply = await typeMessage(user, 'hello', { retryNum: 2, retryReason: 'http_error' });
    const first = await waitForPost(user);

    expect(reply.status).toBe(200);
    expect(questionStep(first)).toBeDefined();
    expect(await DeliveryModel.countDocuments({ _id: `slack:${reply.eventId}` })).toBe(1);
  });

  test('bot messages start no conversation', async () => {
    const own = api.dmChannel(USERS.quick);
    const ownEvent = {
      ...directMessageEvent(own, TEST_SLACK_BOT_USER, 'How much effort?', '1700000001.000100'),
      bot_id: TEST_SLACK_BOT_ID,
    };
    const otherBot = {
      ...directMessageEvent(
        api.dmChannel(USERS.otherBot),
        USERS.otherBot,
        'beep',
        '1700000001.000200',
      ),
      subtype: 'bot_message',
      bot_id: 'B0OTHERBOT',
    };

    const ownReply = await slack.sendEvent(ownEvent);
    const otherReply = await slack.sendEvent(otherBot);
    await waitForLog('slack message ignored', { eventId: ownReply.eventId });
    await waitForLog('slack message ignored', { eventId: otherReply.eventId });

    expect(ownReply.status).toBe(200);
    expect(otherReply.status).toBe(200);
    expect(server.logs.find((line) => line.eventId === ownReply.eventId)?.reason).toBe(
      'own message',
    );
    expect(server.logs.find((line) => line.eventId === otherReply.eventId)?.reason).toBe(
      'bot message',
    );
    expect(api.posted(own)).toHaveLength(0);
    expect(api.posted(api.dmChannel(USERS.otherBot))).toHaveLength(0);
  });

  test('forged button value is re-asked and never stored', async () => {
    const user = USERS.forger;
    const channel = api.dmChannel(user);
    await beginSurvey(user);

    await press({ user, channel, actionId: 'ces:ces:9', value: '9' });
    const reprompt = await waitForPost(user);
    await press({ user, channel, actionId: 'ces:ces:4', value: 'ninety' });
    const second = await waitForPost(user);
    await press({ user, channel, actionId: 'ces:ces:3', value: '3' });
    await waitForQuestion(user, 'hardest-part');
    await press({ user, channel, actionId: 'ces:hardest-part:nothing', value: 'nothing' });
    await waitForPost(user, (call) => /Thank you/.test(call.params.text));

    expect(questionStep(reprompt)).toBe('ces');
    expect(actionIds(reprompt)).toHaveLength(5);
    expect(questionStep(second)).toBe('ces');
    expect(await AnswerModel.countDocuments({ score: 9 })).toBe(0);
    expect(await AnswerModel.countDocuments({ surveyId: 'it-helpdesk', score: 3 })).toBe(1);
  });

  test('message_deleted creates nothing', async () => {
    const user = USERS.deleter;
    const channel = api.dmChannel(user);
    const conversationsBefore = await ConversationModel.countDocuments({});
    const ts = api.addUserMessage(channel, user, '4');
    api.deleteUserMessage(channel, ts);

    const reply = await slack.sendEvent(messageDeletedEvent(channel, user, ts, '4'));
    await waitForLog('slack message ignored', {
      eventId: reply.eventId,
      reason: 'deleted message',
    });

    expect(reply.status).toBe(200);
    expect(api.posted(channel)).toHaveLength(0);
    expect(await ConversationModel.countDocuments({})).toBe(conversationsBefore);
  });

  test('message_changed corrects the latest answer with an audit entry', async () => {
    const user = USERS.editor;
    const channel = api.dmChannel(user);
    await beginSurvey(user);
    const score = await typeMessage(user, '2');
    await waitForQuestion(user, 'hardest-part');
    const auditsBefore = await AuditModel.countDocuments({ action: 'answer-rectified' });

    api.editUserMessage(channel, score.ts, '4');
    const edit = await slack.sendEvent(messageChangedEvent(channel, user, score.ts, '2', '4'));
    const afterEdit = await waitForPost(user);
    await typeMessage(user, 'waiting');
    await waitForQuestion(user, 'improvement');
    await typeMessage(user, 'Sneller een monteur sturen');
    await waitForPost(user, (call) => /Thank you/.test(call.params.text));

    expect(edit.status).toBe(200);
    expect(questionStep(afterEdit)).toBe('hardest-part');
    expect(await AuditModel.countDocuments({ action: 'answer-rectified' })).toBe(auditsBefore + 1);
    const audit = await AuditModel.findOne({ action: 'answer-rectified' }).sort({ at: -1 }).lean();
    expect(audit?.detail).toMatchObject({ key: 'ces' });
    expect(await AnswerModel.countDocuments({ surveyId: 'it-helpdesk', score: 4 })).toBe(1);
  });

  test('message_changed of an older message is ignored', async () => {
    const user = USERS.lateEditor;
    const channel = api.dmChannel(user);
    await beginSurvey(user);
    const score = await typeMessage(user, '2');
    await waitForQuestion(user, 'hardest-part');
    await typeMessage(user, 'waiting');
    await waitForQuestion(user, 'improvement');
    const postsBefore = api.posted(channel).length;
    const auditsBefore = await AuditModel.countDocuments({ action: 'answer-rectified' });

    api.editUserMessage(channel, score.ts, '5');
    const edit = await slack.sendEvent(messageChangedEvent(channel, user, score.ts, '2', '5'));
    await waitForLog('slack message edit is not a correction; ignored', { eventId: edit.eventId });

    expect(api.posted(channel)).toHaveLength(postsBefore);
    expect(await AuditModel.countDocuments({ action: 'answer-rectified' })).toBe(auditsBefore);
  });

  test('Home tab shows a start button that opens a DM', async () => {
    const user = USERS.home;

    await slack.sendEvent({
      type: 'app_home_opened',
      user,
      channel: api.dmChannel(user),
      tab: 'home',
      event_ts: '1700000002.000100',
    });
    const [published] = await api.waitForCalls('views.publish', 1);
    const opensBefore = api.callsOf('conversations.open').length;
    const reply = await press({ user, actionId: 'ces-start' });
    const question = await waitForPost(user);

    expect(published?.params.user_id).toBe(user);
    expect(JSON.stringify(published?.params.view)).toContain('ces-start');
    expect(reply.status).toBe(200);
    expect(api.callsOf('conversations.open').length).toBe(opensBefore + 1);
    expect(questionStep(question)).toBe(FIRST_STEP);
  });

  test('answer from a view without channel replies in a DM', async () => {
    const user = USERS.homeAnswer;
    await beginSurvey(user);
    const opensBefore = api.callsOf('conversations.open').length;

    const reply = await press({ user, actionId: 'ces:ces:1', value: '1' });
    const next = await waitForPost(user);

    expect(reply.status).toBe(200);
    expect(api.callsOf('conversations.open').length).toBe(opensBefore + 1);
    expect(api.callsOf('conversations.open').at(-1)?.params.users).toBe(user);
    expect(questionStep(next)).toBe('hardest-part');
  });

  test('invitation by e-mail sends the first question as a DM', async () => {
    const reply = await invite(INVITED_EMAIL);
    const posts = api.posted(api.dmChannel(USERS.invitedByEmail));

    expect(reply.status).toBe(200);
    expect(reply.body.results[0].status).toBe('sent');
    expect(api.callsOf('users.lookupByEmail').at(-1)?.params.email).toBe(INVITED_EMAIL);
    expect(posts).toHaveLength(1);
    expect(questionStep(posts[0])).toBe(FIRST_STEP);
  });

  test('invited user answers with a button', async () => {
    const user = USERS.invitedById;
    const invitation = await invite(user);
    const first = await waitForPost(user);
    const answer = FIRST_STEP === 'consent' ? 'yes' : '5';

    const pressed = await press({
      user,
      channel: api.dmChannel(user),
      actionId: `ces:${FIRST_STEP}:${answer}`,
      value: answer,
    });
    const next = await waitForPost(user);

    expect(invitation.body.results[0].status).toBe('sent');
    expect(questionStep(first)).toBe(FIRST_STEP);
    expect(pressed.status).toBe(200);
    expect(questionStep(next)).toBe(FIRST_STEP === 'consent' ? 'ces' : 'hardest-part');
  });

  test('invitation to an unknown e-mail fails with a reason', async () => {
    const reply = await invite('nobody@example.com');

    expect(reply.status).toBe(200);
    expect(reply.body.results[0].status).toBe('failed');
    expect(reply.body.results[0].error).toMatch(/users_not_found/);
    expect(reply.body.results[0].error).not.toContain('nobody@example.com');
  });

  test('ack arrives before the reply is posted', async () => {
    const user = USERS.quick;

    const reply = await typeMessage(user, 'hi there');
    const question = await waitForPost(user);

    expect(reply.status).toBe(200);
    expect(reply.respondedAt).toBeLessThan(question.at);
  });

  test('server logged no errors', async () => {
    const errors = server.logs.filter((line) => Number(line.level) >= 50);

    expect(errors).toEqual([]);
  });

  test('no collection holds a Slack user id or typed text', async () => {
    const dump = await rawDump();

    for (const user of Object.values(USERS)) expect(dump).not.toContain(user);
    expect(dump).not.toContain('Marloes');
    expect(dump).not.toContain('monteur');
    expect(dump).not.toContain(INVITED_EMAIL);
  });

  test('no log line holds a Slack user id, token or typed text', async () => {
    const logs = server.rawLogs();

    for (const user of Object.values(USERS)) expect(logs).not.toContain(user);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(SIGNING_SECRET);
    expect(logs).not.toContain('Marloes');
    expect(logs).not.toContain(INVITED_EMAIL);
  });
});

describe('Slack events without credentials', () => {
  test('answers 503 naming both settings', async () => {
    const server = await startTestServer({ SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: '' });
    const slack = new SlackRequestSender({
      signingSecret: 'anything',
      url: `${server.url}/slack/events`,
    });

    const reply = await slack.sendEvent(
      directMessageEvent('D0NOBODY01', 'U0NOBODY01', 'hi', '1700000003.000100'),
    );
    const switchedOff = server.logs.filter((line) =>
      String(line.msg).startsWith('slack switched off'),
    );
    await server.stop();

    expect(reply.status).toBe(503);
    expect(reply.body).toContain('SLACK_SIGNING_SECRET');
    expect(reply.body).toContain('SLACK_BOT_TOKEN');
    expect(switchedOff).toHaveLength(1);
  });
});
