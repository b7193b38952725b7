import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the bot sent to the connector, as received. */
export interface ConnectorRequest {
  method: string;
  path: string;
  conversationId: string;
  /** The activity id in the path of a reply (`replyToActivity`); absent for a new message. */
  replyToActivityId?: string;
  /** Whether the bot sent an Authorization header; it must not when authentication is off. */
  authorization?: string;
  activity: Record<string, unknown>;
}

/** The bot's HTTP response to one posted activity, with the replies it sent while handling it. */
export interface BotExchange {
  status: number;
  body: string;
  replies: ConnectorRequest[];
}

export interface ActivityOptions {
  conversationId: string;
  userId: string;
  id?: string;
  channelId?: string;
  locale?: string;
  isGroup?: boolean;
  /** Sent as the Authorization header; unset sends none. */
  authorization?: string;
  serviceUrl?: string;
}

const BOT_ID = 'ces-bot-test';

/** Replies go to `/v3/conversations/{conversationId}/activities[/{activityId}]`. */
const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

/**
 * Plays the Bot Framework connector on a loopback port: it posts Activities to the bot's
 * `/api/messages` with `serviceUrl` pointing at itself, and records the activities the bot sends
 * back through the Connector REST API, responding to each with a resource id as the service does.
 */
export class FakeBotConnector {
  private constructor(
    private readonly server: Server,
    readonly serviceUrl: string,
    private readonly botUrl: string,
    /** Every activity the bot has sent to this fake, oldest first. */
    readonly requests: ConnectorRequest[],
  ) {}

  /** Starts the fake on 127.0.0.1 for the bot listening at `botUrl`. */
  static async start(botUrl: string): Promise<FakeBotConnector> {
    const requests: ConnectorRequest[] = [];
    const server = createServer((req, res) => void record(req, res, requests));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new FakeBotConnector(server, `http://127.0.0.1:${port}`, botUrl, requests);
  }

  /** Sends a user's message: typed `text`, or a button press posted back as `value`. */
  sendMessage(options: ActivityOptions & { text?: string; value?: unknown }): Promise<BotExchange> {
    return this.post(
      {
        ...this.envelope(options),
        type: 'message',
        ...(options.text !== undefined && { text: options.text }),
        ...(options.value !== undefined && { value: options.value }),
      },
      options.authorization,
    );
  }

  /** Sends the `conversationUpdate` a channel posts when a user opens a chat with the bot. */
  addUser(options: ActivityOptions): Promise<BotExchange> {
    return this.post(
      {
        ...this.envelope(options),
        type: 'conversationUpdate',
        membersAdded: [{ id: options.userId }, { id: BOT_ID, name: 'CES bot' }],
      },
      options.authorization,
    );
  }

  /** Posts any JSON body to `/api/messages` and collects the replies sent while it was handled. */
  async post(body: unknown, authorization?: string): Promise<BotExchange> {
    const before = this.requests.length;
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
    if (authorization !== undefined) headers.Authorization = authorization;

    const response = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text, replies: this.requests.slice(before) };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private envelope(options: ActivityOptions): Record<string, unknown> {
    return {
      id: options.id ?? randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: options.channelId ?? 'emulator',
      serviceUrl: options.serviceUrl ?? this.serviceUrl,
      from: { id: options.userId, name: 'Test user', role: 'user' },
      recipient: { id: BOT_ID, name: 'CES bot', role: 'bot' },
      conversation: { id: options.conversationId, ...(options.isGroup && { isGroup: true }) },
      ...(options.locale && { locale: options.locale }),
    };
  }
}

/** Returns the text of a reply the bot sent. */
export function replyText(request: ConnectorRequest): string {
  return String(request.activity.text ?? '');
}

/** Returns the values of a reply's suggested actions, which the channel posts back when pressed. */
export function suggestedValues(request: ConnectorRequest): string[] {
  const suggested = request.activity.suggestedActions as { actions?: Array<{ value?: unknown }> };
  return (suggested?.actions ?? []).map((action) => String(action.value));
}

async function record(req: IncomingMessage, res: ServerResponse, into: ConnectorRequest[]) {
  const match = ACTIVITIES_PATH.exec(new URL(req.url ?? '/', 'http://fake').pathname);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (req.method !== 'POST' || !match) {
    res.writeHead(404).end();
    return;
  }

  into.push({
    method: req.method,
    path: req.url ?? '',
    conversationId: decodeURIComponent(match[1] ?? ''),
    ...(match[2] && { replyToActivityId: decodeURIComponent(match[2]) }),
    ...(req.headers.authorization && { authorization: req.headers.authorization }),
    activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
  });
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ id: randomUUID() }));
}
