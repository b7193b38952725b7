import twilio from 'twilio';

import { renderMessage } from '../../src/engine/render';
import type { OutboundMessage } from '../../src/engine/types';
import type { Channel } from '../../src/surveys/schema';

/** Renders replies as a TwiML document with one `<Message>` per reply; none gives `<Response/>`. */
export function renderTwiml(outbound: OutboundMessage[], channel: Channel): string {
  const response = new twilio.twiml.MessagingResponse();
  for (const message of outbound) response.message(renderMessage(message, channel).text);
  return response.toString();
}
