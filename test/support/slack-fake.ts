import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export const TEST_SLACK_TEAM = 'T0CESBOT1';
export const TEST_SLACK_BOT_USER = 'U0CESBOT1';
export const TEST_SLACK_BOT_ID = 'B0CESBOT1';

/** One Web API call the fake received, with JSON-valued fields such as `blocks` decoded. */
export interface RecordedCall {
  method: string;
  params: Record<string, any>;
  /** `performance.now()` when the request arrived. */
  at: number;
  /** True when the request carried the bot token; otherwise it got `invalid_auth`. */
  authorized: boolean;
}

/** A message in a channel's history, as conversations.history returns it. */
export interface HistoryMessage {
  type: 'message';
  ts: string;
  text: string;
  user: string;
  bot_id?: string;
  blocks?: Array<Record<string, any>>;
}

type MethodHandler = (params: Record<string, any>) => Record<string, unknown>;

/**
 * Plays Slack's Web API on 127.0.0.1 for one workspace: the methods ces-bot calls, which return
 * `{ ok: true, ... }` or `{ ok: false, error }` with HTTP 200 as Slack does, after checking the
 * bearer token. Posted messages and the users' own messages form each DM's history.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  private readonly histories = new Map<string, HistoryMessage[]>();
  private readonly emails = new Map<string, string>();
  private readonly deactivated = new Set<string>();
  private server: Server | undefined;
  private lastTs = 0;

  constructor(private readonly token: string) {}

  /** Base URL for SLACK_API_URL, such as `http://127.0.0.1:40123/api/`. */
  get apiUrl(): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Adds a workspace member whom users.lookupByEmail can find. */
  addUser(user: string, email: string): void {
    this.emails.set(email.toLowerCase(), user);
  }

  /** Deactivates a member: Slack then refuses to open a DM with them. */
  deactivateUser(user: string): void {
    this.deactivated.add(user);
  }

  /** Returns the DM channel between the bot and a user, the same each time as in Slack. */
  dmChannel(user: string): string {
    return `D${user.slice(1)}`;
  }

  /** Adds a message that a user typed to a channel's history; returns its `ts`. */
  addUserMessage(channel: string, user: string, text: string): string {
    const ts = this.nextTs();
    this.history(channel).push({ type: 'message', ts, text, user });
    return ts;
  }

  editUserMessage(channel: string, ts: string, text: string): void {
    const message = this.history(channel).find((each) => each.ts === ts);
    if (message) message.text = text;
  }

  deleteUserMessage(channel: string, ts: string): void {
    const history = this.history(channel);
    history.splice(
      history.findIndex((each) => each.ts === ts),
      1,
    );
  }

  /** The calls of one method, oldest first. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Returns the messages posted to a channel, oldest first. */
  posted(channel: string): RecordedCall[] {
    return this.callsOf('chat.postMessage').filter((call) => call.params.channel === channel);
  }

  /** Waits until at least `count` calls of `method` have arrived, or fails after `timeoutMs`. */
  async waitForCalls(method: string, count: number, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsOf(method).length < count) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${count} ${method} calls; got ${this.callsOf(method).length}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.callsOf(method);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const params = decodeParams(await readBody(req), req.headers['content-type'] ?? '');
    const authorized = this.isAuthorized(req, params);
    this.calls.push({ method, params, at, authorized });

    const reply = authorized ? this.answer(method, params) : { ok: false, error: 'invalid_auth' };
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply));
  }

  private isAuthorized(req: IncomingMessage, params: Record<string, any>): boolean {
    return req.headers.authorization === `Bearer ${this.token}` || params.token === this.token;
  }

  private answer(method: string, params: Record<string, any>): Record<string, unknown> {
    const handler = this.methods[method];
    return handler ? handler(params) : { ok: false, error: 'unknown_method' };
  }

  private readonly methods: Record<string, MethodHandler> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://ces-bot-test.slack.com/',
      team: 'ces-bot test',
      user: 'ces-bot',
      team_id: TEST_SLACK_TEAM,
      user_id: TEST_SLACK_BOT_USER,
      bot_id: TEST_SLACK_BOT_ID,
      is_enterprise_install: false,
    }),
    'chat.postMessage': (params) => this.postMessage(params),
    'conversations.open': (params) => {
      const user = String(params.users ?? '');
      if (!/^[UW]/.test(user)) return { ok: false, error: 'user_not_found' };
      if (this.deactivated.has(user)) return { ok: false, error: 'user_disabled' };
      return { ok: true, channel: { id: this.dmChannel(user) } };
    },
    'conversations.history': (params) => ({
      ok: true,
      messages: this.readHistory(params),
      has_more: false,
    }),
    'users.lookupByEmail': (params) => {
      const user = this.emails.get(String(params.email ?? '').toLowerCase());
      if (!user) return { ok: false, error: 'users_not_found' };
      return { ok: true, user: { id: user, team_id: TEST_SLACK_TEAM, is_bot: false } };
    },
    'views.publish': (params) => ({
      ok: true,
      view: { id: `V${randomBytes(4).toString('hex')}`, ...params.view },
    }),
  };

  private postMessage(params: Record<string, any>): Record<string, unknown> {
    const channel = String(params.channel ?? '');
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (!params.text && !params.blocks) return { ok: false, error: 'no_text' };

    const message: HistoryMessage = {
      type: 'message',
      ts: this.nextTs(),
      text: String(params.text ?? ''),
      user: TEST_SLACK_BOT_USER,
      bot_id: TEST_SLACK_BOT_ID,
      ...(params.blocks && { blocks: params.blocks }),
    };
    this.history(channel).push(message);
    return { ok: true, channel, ts: message.ts, message };
  }

  /** Newest first; `oldest` and `latest` are exclusive unless `inclusive` is true. */
  private readHistory(params: Record<string, any>): HistoryMessage[] {
    const inclusive = params.inclusive === true || params.inclusive === 'true';
    const oldest = params.oldest ? String(params.oldest) : undefined;
    const latest = params.latest ? String(params.latest) : undefined;
    const limit = Number(params.limit ?? 100);

    // Timestamps have ten digits, a dot and six digits, so they compare correctly as strings.
    const inRange = (ts: string) => {
      if (oldest && (ts < oldest || (ts === oldest && !inclusive))) return false;
      if (latest && (ts > latest || (ts === latest && !inclusive))) return false;
      return true;
    };
    const matching = this.history(String(params.channel ?? '')).filter((message) =>
      inRange(message.ts),
    );
    return matching.reverse().slice(0, limit);
  }

  private history(channel: string): HistoryMessage[] {
    let history = this.histories.get(channel);
    if (!history) this.histories.set(channel, (history = []));
    return history;
  }

  /** Returns a Slack timestamp: epoch seconds, a dot and six digits, unique within the fake. */
  private nextTs(): string {
    this.lastTs = Math.max(this.lastTs + 1, Date.now() * 1000);
    const text = String(this.lastTs);
    return `${text.slice(0, -6)}.${text.slice(-6)}`;
  }
}

export interface SignedRequestOptions {
  /** Signs with this secret instead of the right one. */
  signWith?: string;
  /** Epoch seconds for X-Slack-Request-Timestamp; now by default. */
  timestamp?: number;
  retryNum?: number;
  retryReason?: string;
}

export interface SlackReply {
  status: number;
  body: string;
  /** `performance.now()` when the response arrived. */
  respondedAt: number;
}

/**
 * Plays Slack's side of the request URL: Events API callbacks as JSON and interactions as a
 * form with a `payload` field, each signed with `v0=` HMAC-SHA256 of `v0:timestamp:body`.
 */
export class SlackRequestSender {
  constructor(private readonly options: { signingSecret: string; url: string }) {}

  static eventId(): string {
    return `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
  }

  /** Sends an `event_callback` envelope around `event`; returns the reply and the event id. */
  async sendEvent(
    event: Record<string, unknown>,
    options: SignedRequestOptions & { eventId?: string } = {},
  ): Promise<SlackReply & { eventId: string }> {
    const eventId = options.eventId ?? SlackRequestSender.eventId();
    const envelope = {
      token: 'legacy-verification-token',
      team_id: TEST_SLACK_TEAM,
      api_app_id: 'A0CESBOT1',
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEST_SLACK_TEAM, user_id: TEST_SLACK_BOT_USER, is_bot: true }],
    };
    const reply = await this.send(JSON.stringify(envelope), 'application/json', options);
    return { ...reply, eventId };
  }

  /** Sends an interaction payload, as Slack posts a button press. */
  async sendInteraction(
    payload: Record<string, unknown>,
    options: SignedRequestOptions = {},
  ): Promise<SlackReply> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.send(body, 'application/x-www-form-urlencoded', options);
  }

  /** Sends a raw body with the given content type, signed with `signWith` or the right secret. */
  async send(
    body: string,
    contentType: string,
    options: SignedRequestOptions = {},
  ): Promise<SlackReply> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = signSlackRequest(
      options.signWith ?? this.options.signingSecret,
      timestamp,
      body,
    );
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signature,
    };
    if (options.retryNum !== undefined) headers['X-Slack-Retry-Num'] = String(options.retryNum);
    if (options.retryReason) headers['X-Slack-Retry-Reason'] = options.retryReason;

    const response = await fetch(this.options.url, { method: 'POST', headers, body });
    const respondedAt = performance.now();
    return { status: response.status, body: await response.text(), respondedAt };
  }
}

/** Computes Slack's v0 request signature. */
export function signSlackRequest(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Decodes a Web API form, whose object fields are JSON strings, or a JSON body. */
function decodeParams(body: string, contentType: string): Record<string, any> {
  if (contentType.startsWith('application/json')) return body ? JSON.parse(body) : {};
  const params: Record<string, any> = Object.fromEntries(new URLSearchParams(body));
  for (const key of ['blocks', 'view', 'attachments', 'metadata']) {
    if (typeof params[key] === 'string') params[key] = JSON.parse(params[key]);
  }
  return params;
}

/** Builds a `message.im` event for a message a user typed in the DM with the bot. */
export function directMessageEvent(channel: string, user: string, text: string, ts: string) {
  return {
    type: 'message',
    channel,
    user,
    text,
    ts,
    event_ts: ts,
    channel_type: 'im',
    client_msg_id: randomUUID(),
    team: TEST_SLACK_TEAM,
  };
}

/** Builds a `message_changed` event: the user edited the message `ts` from `before` to `after`. */
export function messageChangedEvent(
  channel: string,
  user: string,
  ts: string,
  before: string,
  after: string,
) {
  const eventTs = `${Math.floor(Date.now() / 1000)}.000001`;
  return {
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel,
    channel_type: 'im',
    ts: eventTs,
    event_ts: eventTs,
    message: { type: 'message', user, text: after, ts, edited: { user, ts: eventTs } },
    previous_message: { type: 'message', user, text: before, ts },
  };
}

/** Builds a `message_deleted` event for the user's message `ts`. */
export function messageDeletedEvent(channel: string, user: string, ts: string, text: string) {
  const eventTs = `${Math.floor(Date.now() / 1000)}.000002`;
  return {
    type: 'message',
    subtype: 'message_deleted',
    hidden: true,
    channel,
    channel_type: 'im',
    ts: eventTs,
    event_ts: eventTs,
    deleted_ts: ts,
    previous_message: { type: 'message', user, text, ts },
  };
}

export interface ButtonPress {
  user: string;
  actionId: string;
  value?: string;
  /** The DM the button's message is in; without it the button sits on the Home tab. */
  channel?: string;
  /** Where Slack would send `respond()` posts; a loopback URL in tests. */
  responseUrl?: string;
}

/** Builds a `block_actions` payload for a button press in a DM message or on the Home tab. */
export function buttonPressPayload(press: ButtonPress) {
  const micros = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
  const actionTs = `${Math.floor(Date.now() / 1000)}.${micros}`;
  const where = press.channel
    ? {
        container: {
          type: 'message',
          channel_id: press.channel,
          message_ts: actionTs,
          is_ephemeral: false,
        },
        channel: { id: press.channel, name: 'directmessage' },
        message: { type: 'message', ts: actionTs, text: 'question', user: TEST_SLACK_BOT_USER },
        ...(press.responseUrl && { response_url: press.responseUrl }),
      }
    : {
        container: { type: 'view', view_id: 'V0HOMETAB1' },
        view: { id: 'V0HOMETAB1', type: 'home', team_id: TEST_SLACK_TEAM, blocks: [] },
      };
  return {
    type: 'block_actions',
    user: { id: press.user, username: 'employee', name: 'employee', team_id: TEST_SLACK_TEAM },
    api_app_id: 'A0CESBOT1',
    token: 'legacy-verification-token',
    trigger_id: `${Date.now()}.${randomBytes(6).toString('hex')}`,
    team: { id: TEST_SLACK_TEAM, domain: 'ces-bot-test' },
    enterprise: null,
    is_enterprise_install: false,
    ...where,
    actions: [
      {
        type: 'button',
        action_id: press.actionId,
        block_id: 'ces-answers',
        text: { type: 'plain_text', text: press.value ?? press.actionId, emoji: true },
        ...(press.value !== undefined && { value: press.value }),
        action_ts: actionTs,
      },
    ],
  };
}
