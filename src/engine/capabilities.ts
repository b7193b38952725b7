import type { Channel } from '../surveys/schema';

/** What a channel can show, which decides whether a question gets buttons or a reply hint. */
export interface ChannelCapabilities {
  /** How answer buttons appear. With `none`, the reply hint is appended to the text instead. */
  buttonStyle: 'none' | 'buttons' | 'suggested-actions';
  /** Maximum answer buttons on one message; a question with more is asked as text. */
  maxButtons: number;
  /** Maximum characters of one button label; longer labels are cut. */
  maxButtonLabelLength: number;
  /** Maximum characters of message text that the provider accepts; longer text is cut. */
  maxTextLength: number;
  /**
   * True for SMS, where a message stays in the GSM-7 alphabet (160 characters per segment, 153
   * when concatenated) only if every character allows it. One other character makes it UCS-2
   * (70, or 67 when concatenated), so typographic punctuation is replaced by plain forms.
   */
  gsm7: boolean;
}

/**
 * The capability table. Sources, opened when this was written:
 * - SMS and WhatsApp through Twilio: `Body` accepts up to 1,600 characters (Twilio error 21617);
 *   segment sizes from twilio.com/docs/glossary/what-sms-character-limit. WhatsApp free-form
 *   messages through the Messages API are plain text, because buttons need approved templates.
 * - Slack: an actions block holds up to 25 elements, a button's text up to 75 characters and a
 *   section's text up to 3,000 characters (Block Kit reference, docs.slack.dev).
 * - Bot Framework: Microsoft Teams shows only the first three suggested actions
 *   (learn.microsoft.com, Teams "suggested actions"), so larger sets are sent as text.
 * - Web chat is this project's own widget, sized so that a 0-10 rating still gets buttons.
 * - Console prints plain text, with choices numbered in the reply hint.
 * The label and text limits of web chat and Bot Framework are this project's choice, not
 * documented provider limits.
 */
export const CHANNEL_CAPABILITIES: Readonly<Record<Channel, ChannelCapabilities>> = {
  sms: {
    buttonStyle: 'none',
    maxButtons: 0,
    maxButtonLabelLength: 0,
    maxTextLength: 1600,
    gsm7: true,
  },
  whatsapp: {
    buttonStyle: 'none',
    maxButtons: 0,
    maxButtonLabelLength: 0,
    maxTextLength: 1600,
    gsm7: false,
  },
  slack: {
    buttonStyle: 'buttons',
    maxButtons: 25,
    maxButtonLabelLength: 75,
    maxTextLength: 3000,
    gsm7: false,
  },
  webchat: {
    buttonStyle: 'buttons',
    maxButtons: 11,
    maxButtonLabelLength: 60,
    maxTextLength: 4000,
    gsm7: false,
  },
  // NOTE: Direct Line and the Bot Framework Web Chat show far more suggested actions than Teams,
  // but this table has one row for every Bot Framework channel, so it takes the Teams limit.
  botframework: {
    buttonStyle: 'suggested-actions',
    maxButtons: 3,
    maxButtonLabelLength: 50,
    maxTextLength: 4000,
    gsm7: false,
  },
  console: {
    buttonStyle: 'none',
    maxButtons: 0,
    maxButtonLabelLength: 0,
    maxTextLength: Number.POSITIVE_INFINITY,
    gsm7: false,
  },
};
