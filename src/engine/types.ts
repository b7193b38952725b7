import type { Channel, Locale } from '../surveys/schema';

/** A parsed answer value: a scale or rating score, a choice value, yes/no, or free text. */
export type AnswerValue = number | string | boolean;

export type ConversationStatus =
  | 'consent' // waiting for the consent answer
  | 'open' // consent given, questions being asked
  | 'completed'
  | 'declined' // consent refused
  | 'stopped' // the respondent sent a stop keyword
  | 'abandoned' // too many invalid replies in a row
  | 'expired';

/**
 * Everything the engine needs to continue a conversation. Stored as is (free text encrypted by the
 * storage layer), so that any server process can take the next turn.
 */
export interface ConversationState {
  surveyId: string;
  locale: Locale;
  channel: Channel;
  status: ConversationStatus;
  /** Index into the survey's steps of the question awaiting a reply. */
  stepIndex: number;
  /** Invalid replies in a row to the current step. */
  retries: number;
  /** Parsed answers by answer key (the step id, or `saveAs` for text steps). */
  answers: Record<string, AnswerValue>;
  /** The raw reply behind each parsed answer, by the same key. */
  raw: Record<string, string>;
  /** Declared invitation metadata only; undeclared fields are dropped before this point. */
  metadata: Record<string, string>;
  /** A question the respondent must confirm before it takes effect, such as erasure. */
  pendingConfirmation?: 'erase';
  /** Epoch milliseconds. */
  startedAt: number;
  lastActivityAt: number;
  expiresAt: number;
}

/** A message from a respondent, already stripped of channel specifics. */
export type InboundEvent =
  | { kind: 'text'; text: string }
  /** A button or menu press; `value` is checked against the step before it is accepted. */
  | { kind: 'action'; stepId: string; value: string };

export interface ScaleChoice {
  value: string;
  label: string;
}

/** A message to send, described but not rendered: adapters render it with their channel's capabilities. */
export interface OutboundMessage {
  text: string;
  /** Set when the message asks a question, so adapters can attach buttons. */
  stepId?: string;
  /** Buttons for channels that have them; text-only channels rely on `text`'s instructions. */
  choices?: ScaleChoice[];
  /** The reply instruction for text-only channels, for example "Reply 1 to 7". */
  replyHint?: string;
}

/** A state change that must outlive the conversation document. */
export type Effect =
  | {
      kind: 'consent';
      granted: boolean;
      noticeVersion: string;
      /** SHA-256 of the consent text as shown, in hex. */
      textHash: string;
    }
  | { kind: 'answer'; answers: Record<string, AnswerValue>; raw: Record<string, string> }
  | { kind: 'suppress'; reason: 'declined' | 'stopped' }
  | { kind: 'lift-suppression' }
  | { kind: 'access' }
  | { kind: 'erase' }
  | { kind: 'rectify'; key: string };

export interface TurnResult {
  state: ConversationState;
  outbound: OutboundMessage[];
  effects: Effect[];
}
