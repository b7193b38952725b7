import type { Channel, Locale, Step, Survey } from '../surveys/schema';
import { answerKey, isQuestion } from '../surveys/steps';
import { advance, expire, isActive, rejectReply, reply, touch } from './flow';
import { answerErasure, handleKeyword } from './keyword-turn';
import { detectKeyword } from './keywords';
import { readReply } from './replies';
import { hashText, resolveText } from './resolve-text';
import type { AnswerValue, ConversationState, Effect, InboundEvent, TurnResult } from './types';

const MS_PER_HOUR = 3_600_000;

export interface StartOptions {
  channel: Channel;
  /** The locale the caller resolved for the respondent, such as the channel's; `nl-NL` is `nl`. */
  locale?: string;
  /** Invitation metadata; fields that the survey's privacy block does not declare are dropped. */
  metadata?: Readonly<Record<string, string>>;
  /** Epoch milliseconds. */
  now: number;
}

/**
 * Creates the state of a new conversation and returns its first question: the consent question
 * when the survey opens with one, so that the status is then `consent`. The locale is the
 * invitation metadata's `locale`, else `options.locale`, else the survey default, taking the
 * first that the survey supports.
 */
export function startConversation(survey: Survey, options: StartOptions): TurnResult {
  const { now } = options;
  const state: ConversationState = {
    surveyId: survey.id,
    locale: pickLocale(survey, [options.metadata?.locale, options.locale]),
    channel: options.channel,
    status: 'open',
    stepIndex: 0,
    retries: 0,
    answers: {},
    raw: {},
    metadata: declaredMetadata(survey, options.metadata ?? {}),
    startedAt: now,
    lastActivityAt: now,
    expiresAt: now + survey.expiresAfterHours * MS_PER_HOUR,
  };
  return advance(survey, state, 0);
}

/**
 * Takes one turn and returns the next state, the messages to send and the effects to store.
 * Keywords win in every state. Next, a pending erasure question takes the message as its
 * confirmation. Next, a closed or expired conversation gets "this survey has closed". Only then
 * is the message read as an answer. `now` is epoch milliseconds.
 */
export function step(
  survey: Survey,
  state: ConversationState,
  event: InboundEvent,
  now: number,
): TurnResult {
  const keyword = event.kind === 'text' ? detectKeyword(event.text) : undefined;
  if (keyword) return handleKeyword(survey, state, keyword, now);
  if (state.pendingConfirmation === 'erase') return answerErasure(survey, state, event, now);
  if (!isActive(state.status)) return reply(survey, state, 'closed');
  if (now > state.expiresAt) return expire(survey, state);

  const current = survey.steps[state.stepIndex];
  if (!current || current.kind === 'closing') return advance(survey, state, state.stepIndex);

  const reading = readReply(survey, current, state.locale, event);
  if (!reading.ok) return rejectReply(survey, state, current, reading);
  if (current.kind === 'consent') return answerConsent(survey, state, current, reading.value, now);
  return acceptAnswer(survey, state, current, reading.value, reading.raw, now);
}

function acceptAnswer(
  survey: Survey,
  state: ConversationState,
  current: Step,
  value: AnswerValue,
  raw: string,
  now: number,
): TurnResult {
  if (!isQuestion(current)) return advance(survey, state, state.stepIndex + 1);

  const key = answerKey(current);
  const answers = { ...state.answers, [key]: value };
  const answered = touch(survey, { ...state, answers, raw: { ...state.raw, [key]: raw } }, now);
  return advance(survey, answered, state.stepIndex + 1);
}

/**
 * Records the consent answer as an effect, with a hash of the consent text as shown in the
 * respondent's locale (before channels add reply instructions). The answer itself is not kept
 * in the state. A decline also suppresses the survey and empties the state.
 */
function answerConsent(
  survey: Survey,
  state: ConversationState,
  current: Step,
  value: AnswerValue,
  now: number,
): TurnResult {
  const granted = value === true;
  const consent: Effect = {
    kind: 'consent',
    granted,
    noticeVersion: survey.privacy.noticeVersion,
    textHash: hashText(resolveText(survey, current.text, state.locale)),
  };
  if (!granted) {
    const declined = { ...state, status: 'declined' as const, answers: {}, raw: {}, metadata: {} };
    const goodbye = reply(survey, { ...declined, retries: 0, lastActivityAt: now }, 'declined');
    return { ...goodbye, effects: [consent, { kind: 'suppress', reason: 'declined' }] };
  }

  const next = advance(survey, touch(survey, { ...state, retries: 0 }, now), state.stepIndex + 1);
  return { ...next, effects: [consent, ...next.effects] };
}

function pickLocale(survey: Survey, candidates: Array<string | undefined>): Locale {
  for (const candidate of candidates) {
    const language = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    const match = survey.locales.find((locale) => locale === language);
    if (match) return match;
  }
  return survey.defaultLocale;
}

function declaredMetadata(
  survey: Survey,
  metadata: Readonly<Record<string, string>>,
): Record<string, string> {
  const declared = Object.entries(metadata).filter(
    ([name, value]) => Object.hasOwn(survey.privacy.metadata, name) && typeof value === 'string',
  );
  return Object.fromEntries(declared);
}
