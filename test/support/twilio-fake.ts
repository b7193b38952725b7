import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import twilio from 'twilio';

/** The account the fakes use; the server under test gets it as TWILIO_ACCOUNT_SID. */
export const TEST_TWILIO_ACCOUNT_SID = `AC${'0'.repeat(31)}1`;
/** The Twilio number; the server under test gets it as TWILIO_FROM. */
export const TEST_TWILIO_NUMBER = '+3197010000000';

export interface TwilioReply {
  status: number;
  contentType: string | null;
  body: string;
  /** The text of each `<Message>` in the TwiML reply. */
  messages: string[];
}

export interface SmsOptions {
  from: string;
  body: string;
  to?: string;
  messageSid?: string;
  /** Signs with this token instead of the right one, to test rejection. */
  signWith?: string;
  unsigned?: boolean;
  extra?: Record<string, string>;
}

export interface StatusOptions {
  messageSid: string;
  /** A Twilio message status such as `sent`, `delivered` or `undelivered`. */
  status: string;
  /** The recipient, `+31…` or `whatsapp:+31…`. */
  to: string;
  errorCode?: number;
  signWith?: string;
  unsigned?: boolean;
}

export interface FakeTwilioOptions {
  authToken: string;
  publicUrl: string;
  serverUrl: string;
  /** The inbound webhook's path, with a query string if the webhook URL has one. */
  path: string;
  /** The status callback's path; `/twilio/status` by default. */
  statusPath?: string;
}

/**
 * Plays Twilio's side of the webhooks: form-encoded POSTs signed with `X-Twilio-Signature` over
 * the public URL, as Twilio's Messaging service sends inbound messages and status callbacks.
 */
export class FakeTwilio {
  constructor(private readonly options: FakeTwilioOptions) {}

  static messageSid(): string {
    return `SM${randomBytes(16).toString('hex')}`;
  }

  /** Posts an inbound SMS, with the fields Twilio sends for one. */
  async sendSms(sms: SmsOptions): Promise<TwilioReply> {
    const messageSid = sms.messageSid ?? FakeTwilio.messageSid();
    const params: Record<string, string> = {
      ToCountry: 'NL',
      SmsMessageSid: messageSid,
      NumMedia: '0',
      FromCountry: 'NL',
      SmsStatus: 'received',
      Body: sms.body,
      To: sms.to ?? TEST_TWILIO_NUMBER,
      NumSegments: '1',
      MessageSid: messageSid,
      From: sms.from,
      ApiVersion: '2010-04-01',
      AccountSid: TEST_TWILIO_ACCOUNT_SID,
      ...sms.extra,
    };
    const response = await this.post(this.options.path, params, sms);
    const body = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body,
      messages: parseTwimlMessages(body),
    };
  }

  /** Posts an inbound WhatsApp message, with the profile fields WhatsApp adds. */
  async sendWhatsApp(message: SmsOptions & { profileName?: string }): Promise<TwilioReply> {
    const number = message.from.replace(/^whatsapp:/, '');
    return this.sendSms({
      ...message,
      from: `whatsapp:${number}`,
      to: message.to ?? `whatsapp:${TEST_TWILIO_NUMBER}`,
      extra: {
        ProfileName: message.profileName ?? 'Piet',
        WaId: number.replace(/^\+/, ''),
        MessageType: 'text',
        ...message.extra,
      },
    });
  }

  /** Posts a message status callback, as Twilio sends one to a message's StatusCallback URL. */
  async sendStatus(callback: StatusOptions): Promise<{ status: number; body: string }> {
    const whatsapp = callback.to.startsWith('whatsapp:');
    const params: Record<string, string> = {
      SmsSid: callback.messageSid,
      SmsStatus: callback.status,
      MessageStatus: callback.status,
      To: callback.to,
      MessageSid: callback.messageSid,
      AccountSid: TEST_TWILIO_ACCOUNT_SID,
      From: whatsapp ? `whatsapp:${TEST_TWILIO_NUMBER}` : TEST_TWILIO_NUMBER,
      ApiVersion: '2010-04-01',
      ...(callback.errorCode !== undefined && { ErrorCode: String(callback.errorCode) }),
    };
    const response = await this.post(this.options.statusPath ?? '/twilio/status', params, callback);
    return { status: response.status, body: await response.text() };
  }

  private post(
    path: string,
    params: Record<string, string>,
    signing: { signWith?: string; unsigned?: boolean },
  ): Promise<Response> {
    const signedUrl = this.options.publicUrl.replace(/\/$/, '') + path;
    const token = signing.signWith ?? this.options.authToken;
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (!signing.unsigned) {
      headers['X-Twilio-Signature'] = twilio.getExpectedTwilioSignature(token, signedUrl, params);
    }
    return fetch(this.options.serverUrl + path, {
      method: 'POST',
      headers,
      body: new URLSearchParams(params).toString(),
    });
  }
}

/** Extracts the text of each `<Message>` element, decoding XML entities. */
export function parseTwimlMessages(xml: string): string[] {
  const messages: string[] = [];
  for (const match of xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)) {
    messages.push(decodeXml(match[1] ?? ''));
  }
  return messages;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

/** One Messages API request the fake accepted or refused, with its form fields. */
export interface ApiMessage {
  /** The MessageSid the fake returned; absent when it rejected the request. */
  sid?: string;
  params: Record<string, string>;
  /** The Twilio error code the fake returned, if it rejected the request. */
  errorCode?: number;
}

/** Twilio's error responses, with the messages its REST API uses (twilio.com/docs/api/errors). */
const API_ERRORS: Record<number, { status: number; message: string }> = {
  20003: { status: 401, message: 'Authenticate' },
  20404: { status: 404, message: 'The requested resource was not found' },
  21211: { status: 400, message: "The 'To' number is not a valid phone number." },
  21602: { status: 400, message: 'Message body is required.' },
  21603: { status: 400, message: "The 'From' phone number is required." },
  21604: { status: 400, message: "A 'To' phone number is required." },
  21610: { status: 400, message: 'Attempt to send to unsubscribed recipient' },
};

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/;

/**
 * A loopback fake of Twilio's REST API: `POST /2010-04-01/Accounts/:sid/Messages.json` with Basic
 * auth and form fields, which returns Twilio's JSON and a new MessageSid. `failFor` makes it
 * reject a recipient with a Twilio error such as 21610 (unsubscribed) or 21211 (invalid number).
 */
export class FakeTwilioApi {
  /** Every Messages request with valid credentials, in arrival order. */
  readonly messages: ApiMessage[] = [];
  /** Requests rejected for missing or wrong credentials. */
  unauthorized = 0;
  private readonly failures = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    private readonly credentials: { accountSid: string; authToken: string },
  ) {}

  static async start(credentials: {
    accountSid: string;
    authToken: string;
  }): Promise<FakeTwilioApi> {
    let fake: FakeTwilioApi | undefined;
    const server = createServer((req, res) => void fake?.route(req, res));
    fake = new FakeTwilioApi(server, credentials);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Base URL to pass as TWILIO_API_URL. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Rejects every later message to `to` (as the `To` field reads) with a Twilio error code. */
  failFor(to: string, code: number): void {
    this.failures.set(to, code);
  }

  /** Messages sent to `to`, as the `To` field reads. */
  sentTo(to: string): ApiMessage[] {
    return this.messages.filter((message) => message.params.To === to && message.sid);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const match = MESSAGES_PATH.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return sendError(res, 20404);
    if (!this.isAuthorized(req, match[1])) {
      this.unauthorized += 1;
      return sendError(res, 20003);
    }

    const errorCode = this.errorFor(params);
    if (errorCode !== undefined) {
      this.messages.push({ params, errorCode });
      return sendError(res, errorCode);
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    this.messages.push({ sid, params });
    sendJson(res, 201, messageResource(sid, this.credentials.accountSid, params));
  }

  private isAuthorized(req: IncomingMessage, accountSid: string | undefined): boolean {
    const { accountSid: expectedSid, authToken } = this.credentials;
    const expected = `Basic ${Buffer.from(`${expectedSid}:${authToken}`).toString('base64')}`;
    return accountSid === expectedSid && req.headers.authorization === expected;
  }

  private errorFor(params: Record<string, string>): number | undefined {
    if (!params.To) return 21604;
    if (!params.From && !params.MessagingServiceSid) return 21603;
    if (!params.Body && !params.ContentSid) return 21602;
    return this.failures.get(params.To);
  }
}

/** The Message resource as the API returns it after a create. */
function messageResource(sid: string, accountSid: string, params: Record<string, string>) {
  const now = new Date().toUTCString().replace('GMT', '+0000');
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}`;
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: params.Body ?? '',
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: params.From ?? null,
    messaging_service_sid: params.MessagingServiceSid ?? null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid,
    status: params.MessagingServiceSid ? 'accepted' : 'queued',
    subresource_uris: { media: `${uri}/Media.json` },
    to: params.To,
    uri: `${uri}.json`,
  };
}

function sendError(res: ServerResponse, code: number): void {
  const error = API_ERRORS[code] ?? { status: 400, message: 'Error' };
  sendJson(res, error.status, {
    code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status: error.status,
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
