import { randomBytes } from 'node:crypto';

import twilio from 'twilio';

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

/**
 * Plays Twilio's side of the inbound message webhook: a form-encoded POST signed with
 * `X-Twilio-Signature` over the public URL, as Twilio's Messaging service sends it.
 */
export class FakeTwilio {
  constructor(
    private readonly options: { authToken: string; publicUrl: string; serverUrl: string; path: string },
  ) {}

  static messageSid(): string {
    return `SM${randomBytes(16).toString('hex')}`;
  }

  async sendSms(sms: SmsOptions): Promise<TwilioReply> {
    const params: Record<string, string> = {
      ToCountry: 'NL',
      SmsMessageSid: sms.messageSid ?? FakeTwilio.messageSid(),
      NumMedia: '0',
      FromCountry: 'NL',
      SmsStatus: 'received',
      Body: sms.body,
      To: sms.to ?? '+3197010000000',
      NumSegments: '1',
      From: sms.from,
      ApiVersion: '2010-04-01',
      AccountSid: `AC${'0'.repeat(32)}`,
      ...sms.extra,
    };
    params.MessageSid = params.SmsMessageSid!;
    const signedUrl = this.options.publicUrl.replace(/\/$/, '') + this.options.path;
    const signature = twilio.getExpectedTwilioSignature(
      sms.signWith ?? this.options.authToken,
      signedUrl,
      params,
    );
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (!sms.unsigned) headers['X-Twilio-Signature'] = signature;

    const response = await fetch(this.options.serverUrl + this.options.path, {
      method: 'POST',
      headers,
      body: new URLSearchParams(params).toString(),
    });
    const body = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body,
      messages: parseTwimlMessages(body),
    };
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
