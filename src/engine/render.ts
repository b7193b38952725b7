import type { Channel } from '../surveys/schema';
import { CHANNEL_CAPABILITIES, type ChannelCapabilities } from './capabilities';
import type { OutboundMessage, ScaleChoice } from './types';

/** A message ready for one channel: the text to send and, where the channel has them, buttons. */
export interface RenderedMessage {
  text: string;
  buttons?: ScaleChoice[];
}

/**
 * Typographic characters outside GSM-7 with a plain equivalent inside it. Letters such as "ë"
 * are left alone, because replacing them would change the words.
 */
const GSM7_REPLACEMENTS: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B]/gu, "'"],
  [/[\u201C\u201D\u201E]/gu, '"'],
  [/[\u2013\u2014]/gu, '-'],
  [/\u2026/gu, '...'],
  [/[\u00A0\u202F]/gu, ' '],
];

/**
 * Renders a message for `channel`. A question whose choices fit the channel's buttons gets
 * them; otherwise its reply hint ("Reply 1 to 7", or the numbered options) is appended to the
 * text. Text longer than the channel accepts is cut with an ellipsis.
 */
export function renderMessage(message: OutboundMessage, channel: Channel): RenderedMessage {
  const capabilities = CHANNEL_CAPABILITIES[channel];
  const choices = message.choices ?? [];
  const useButtons = choices.length > 0 && choices.length <= capabilities.maxButtons;

  const withHint =
    useButtons || !message.replyHint ? message.text : `${message.text}\n${message.replyHint}`;
  const text = fitText(withHint, capabilities);
  if (!useButtons) return { text };

  const buttons = choices.map((choice) => ({
    value: choice.value,
    label: cut(choice.label, capabilities.maxButtonLabelLength, '…'),
  }));
  return { text, buttons };
}

function fitText(text: string, capabilities: ChannelCapabilities): string {
  if (!capabilities.gsm7) return cut(text, capabilities.maxTextLength, '…');

  const plain = GSM7_REPLACEMENTS.reduce((result, [pattern, replacement]) => {
    return result.replace(pattern, replacement);
  }, text);
  return cut(plain, capabilities.maxTextLength, '...');
}

/** Cuts `text` to `maxLength` code points, ending in `ellipsis` when anything was cut. */
function cut(text: string, maxLength: number, ellipsis: string): string {
  const points = [...text];
  if (points.length <= maxLength) return text;
  return points.slice(0, Math.max(0, maxLength - [...ellipsis].length)).join('') + ellipsis;
}
