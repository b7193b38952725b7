import { CHANNEL_CAPABILITIES } from '../../src/engine/capabilities';
import { renderMessage } from '../../src/engine/render';
import type { OutboundMessage, ScaleChoice } from '../../src/engine/types';

/** One reply as a Bot Framework channel shows it: text, and suggested actions under it. */
export interface BotReply {
  text: string;
  /** Each action's `value` is posted back as the respondent's message text when pressed. */
  actions: ScaleChoice[];
}

/**
 * Maximum suggested actions per Bot Framework channel id. Sources: the Microsoft 365 Agents
 * SDK's `supportsSuggestedActions` choice helper (Facebook and Skype 10, LINE 13, Telegram,
 * Emulator, Direct Line and Web Chat 100), and the Teams documentation on suggested actions,
 * which states that Teams shows only the first three. Channels not listed show none, so their
 * questions carry the reply hint ("Reply 1 to 7") instead.
 */
const MAX_SUGGESTED_ACTIONS: Readonly<Record<string, number>> = {
  facebook: 10,
  skype: 10,
  line: 13,
  telegram: 100,
  emulator: 100,
  directline: 100,
  directlinespeech: 100,
  webchat: 100,
  msteams: 3,
};

const MAX_LABEL_LENGTH = CHANNEL_CAPABILITIES.botframework.maxButtonLabelLength;

/**
 * Renders replies for the Bot Framework channel `channelId`. The engine's capability table has
 * one row, sized for Teams, for every Bot Framework channel. This function decides per channel
 * instead. So the Emulator and Web Chat offer a whole 1-7 scale as suggested actions, and a
 * channel without suggested actions gets the reply hint even for yes or no.
 */
export function toBotReplies(outbound: OutboundMessage[], channelId: string): BotReply[] {
  const maxActions = MAX_SUGGESTED_ACTIONS[channelId.toLowerCase()] ?? 0;
  return outbound.map((message) => toBotReply(message, maxActions));
}

function toBotReply(message: OutboundMessage, maxActions: number): BotReply {
  const choices = message.choices ?? [];
  if (choices.length === 0 || choices.length > maxActions) {
    return { text: renderText({ ...message, choices: undefined }), actions: [] };
  }

  const actions = choices.map((choice) => ({ value: choice.value, label: cutLabel(choice.label) }));
  return { text: renderText({ ...message, choices: undefined, replyHint: undefined }), actions };
}

/** Without choices the engine's renderer appends the reply hint, if any, and fits the length. */
function renderText(message: OutboundMessage): string {
  return renderMessage(message, 'botframework').text;
}

function cutLabel(label: string): string {
  const points = [...label];
  return points.length <= MAX_LABEL_LENGTH
    ? label
    : `${points.slice(0, MAX_LABEL_LENGTH - 1).join('')}…`;
}
