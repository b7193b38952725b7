import { BotIdentityCache } from '../../../../adapters/slack/bot-identity';
import { SlackSender } from '../../../../adapters/slack/slack-sender';
import { createSlackClient } from '../../../../adapters/slack/web-client';
import { NotFoundError, ValidationError } from '../../../../src/errors';
import { createLogger } from '../../../../src/log';
import { FakeSlackApi, TEST_SLACK_TEAM } from '../../../support/slack-fake';

const TOKEN = 'xoxb-unit-test-token';

describe('SlackSender', () => {
  let api: FakeSlackApi;
  let sender: SlackSender;

  beforeAll(async () => {
    api = new FakeSlackApi(TOKEN);
    api.addUser('U0ANNE0001', 'anne@example.com');
    api.deactivateUser('U0GONE0001');
    await api.start();
    const log = createLogger({ level: 'silent' });
    const client = createSlackClient({ token: TOKEN, apiUrl: api.apiUrl, log });
    sender = new SlackSender(client, new BotIdentityCache(client, log));
  });

  afterAll(async () => {
    await api.stop();
  });

  test('resolves a user id in the bot workspace', async () => {
    const address = await sender.resolve(' U0BERT0001 ');

    expect(address).toEqual({ kind: 'slack', team: TEST_SLACK_TEAM, user: 'U0BERT0001' });
  });

  test('resolves an e-mail address by lookup', async () => {
    const address = await sender.resolve('Anne@Example.com');

    expect(address).toEqual({ kind: 'slack', team: TEST_SLACK_TEAM, user: 'U0ANNE0001' });
    expect(api.callsOf('users.lookupByEmail').at(-1)?.params.email).toBe('Anne@Example.com');
  });

  test('rejects a recipient that is neither', async () => {
    await expect(sender.resolve('+31612345678')).rejects.toThrow(ValidationError);
  });

  test('unknown e-mail fails without repeating it', async () => {
    const failure = sender.resolve('nobody@example.com');

    await expect(failure).rejects.toThrow(NotFoundError);
    await expect(failure).rejects.not.toThrow(/nobody/);
  });

  test('sends messages in order to the opened DM', async () => {
    const address = { kind: 'slack' as const, team: TEST_SLACK_TEAM, user: 'U0BERT0001' };

    await sender.send(address, [{ text: 'First' }, { text: 'Second', stepId: 'improvement' }]);

    expect(api.callsOf('conversations.open').at(-1)?.params.users).toBe('U0BERT0001');
    const posted = api.posted(api.dmChannel('U0BERT0001')).map((call) => call.params.text);
    expect(posted).toEqual(['First', 'Second']);
  });

  test('deactivated user fails as not found', async () => {
    const address = { kind: 'slack' as const, user: 'U0GONE0001' };

    await expect(sender.send(address, [{ text: 'Hello' }])).rejects.toThrow(/user_disabled/);
  });

  test('rejects a phone address', async () => {
    await expect(
      sender.send({ kind: 'phone', value: '+31612345678' }, [{ text: 'Hi' }]),
    ).rejects.toThrow(ValidationError);
  });

  test('calls Slack only with the bot token', () => {
    expect(api.calls.length).toBeGreaterThan(0);
    expect(api.calls.every((call) => call.authorized)).toBe(true);
  });
});
