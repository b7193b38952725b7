import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

import { App } from '@slack/bolt';
import restify, { type Server } from 'restify';

import { toBoltLogger } from '../../../../adapters/slack/bolt-logger';
import { RestifyReceiver } from '../../../../adapters/slack/restify-receiver';
import { createLogger } from '../../../../src/log';
import { buttonPressPayload, SlackRequestSender } from '../../../support/slack-fake';

const SECRET = 'receiver-test-signing-secret';

describe('RestifyReceiver', () => {
  let server: Server;
  let receiver: RestifyReceiver;
  let slack: SlackRequestSender;
  const lines: Array<Record<string, unknown>> = [];
  const finished: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        callback();
      },
    });
    const log = createLogger({ level: 'debug', destination });
    receiver = new RestifyReceiver({ signingSecret: SECRET, log });
    const app = new App({
      receiver,
      authorize: async () => ({ botToken: 'xoxb-unused', botId: 'B0TEST', botUserId: 'U0BOT' }),
      convoStore: false,
      logger: toBoltLogger(log),
    });
    app.action('slow', async ({ ack }) => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await ack();
      finished.push('slow');
    });
    app.view('feedback', async ({ ack }) => {
      await ack({ response_action: 'clear' });
      finished.push('feedback');
    });

    server = restify.createServer();
    server.use(restify.plugins.bodyParser({ mapParams: false }));
    server.post('/slack/events', receiver.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    slack = new SlackRequestSender({
      signingSecret: SECRET,
      url: `http://127.0.0.1:${port}/slack/events`,
    });
  });

  afterAll(async () => {
    await receiver.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('responds with the acknowledgement body', async () => {
    const reply = await slack.sendInteraction({
      type: 'view_submission',
      user: { id: 'U0ANNE0001', team_id: 'T0TEST' },
      team: { id: 'T0TEST' },
      trigger_id: '1.2.abc',
      view: { id: 'V0MODAL', type: 'modal', callback_id: 'feedback', state: { values: {} } },
    });

    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ response_action: 'clear' });
  });

  test('responds 200 for a listener that acknowledges late', async () => {
    const started = Date.now();

    const reply = await slack.sendInteraction(
      buttonPressPayload({ user: 'U0ANNE0001', actionId: 'slow' }),
    );
    const waited = Date.now() - started;
    await receiver.stop();

    expect(reply.status).toBe(200);
    expect(waited).toBeLessThan(3000);
    expect(finished).toContain('slow');
    expect(lines.some((line) => line.msg === 'slack listener did not acknowledge in time')).toBe(
      true,
    );
    expect(lines.some((line) => line.level === 50)).toBe(false);
  });

  test('responds 200 to an event no listener handles', async () => {
    const reply = await slack.sendEvent({
      type: 'reaction_added',
      user: 'U0ANNE0001',
      reaction: 'tada',
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toBe('');
  });
});
