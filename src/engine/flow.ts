import type { Step, Survey } from '../surveys/schema';
import { evaluateCondition } from './conditions';
import { askStep, repromptStep } from './questions';
import type { ReplyReading } from './replies';
import { engineText, type EngineTextCode } from './texts';
import type { ConversationState, ConversationStatus, TurnResult } from './types';

const MS_PER_HOUR = 3_600_000;

/** True while the conversation still waits for answers: before or after consent. */
export function isActive(status: ConversationStatus): boolean {
  return status === 'consent' || status === 'open';
}

/** Records respondent activity at `now` and moves the expiry forward from it. */
export function touch(survey: Survey, state: ConversationState, now: number): ConversationState {
  return { ...state, lastActivityAt: now, expiresAt: now + survey.expiresAfterHours * MS_PER_HOUR };
}

export function withoutPending(state: ConversationState): ConversationState {
  const { pendingConfirmation: _dropped, ...rest } = state;
  return rest;
}

/** Returns the conversation unchanged with one engine text to send. */
export function reply(
  survey: Survey,
  state: ConversationState,
  code: EngineTextCode,
  effects: TurnResult['effects'] = [],
): TurnResult {
  return { state, outbound: [{ text: engineText(survey, state.locale, code) }], effects };
}

/**
 * Asks the first step from `fromIndex` on whose `when` condition holds. Reaching a closing step
 * whose condition holds, or the end of the steps, completes the survey.
 */
export function advance(survey: Survey, state: ConversationState, fromIndex: number): TurnResult {
  const context = { answers: state.answers, metadata: state.metadata };
  for (let index = fromIndex; index < survey.steps.length; index++) {
    const step = survey.steps[index];
    if (!step || !evaluateCondition(step.when, context)) continue;

    const asked = askStep(survey, step, state.locale);
    if (step.kind === 'closing') return complete({ ...state, stepIndex: index }, asked.text);

    const status = step.kind === 'consent' ? 'consent' : 'open';
    return {
      state: { ...state, stepIndex: index, status, retries: 0 },
      outbound: [asked],
      effects: [],
    };
  }
  const thanks = engineText(survey, state.locale, 'thanks');
  return complete({ ...state, stepIndex: survey.steps.length }, thanks);
}

/** Completes the survey with `text` and hands every answer and raw reply over for storage. */
function complete(state: ConversationState, text: string): TurnResult {
  const answer = { kind: 'answer' as const, answers: { ...state.answers }, raw: { ...state.raw } };
  return {
    state: { ...withoutPending(state), status: 'completed', retries: 0 },
    outbound: [{ text }],
    effects: [answer],
  };
}

/**
 * Counts an invalid reply to `step` and re-prompts with what is expected. The reply that
 * reaches the step's `retries`, or else the survey's `maxRetries`, ends the conversation as
 * abandoned, and the answers so far are not stored as a response.
 */
export function rejectReply(
  survey: Survey,
  state: ConversationState,
  step: Step,
  reading: Extract<ReplyReading, { ok: false }>,
): TurnResult {
  const retries = state.retries + 1;
  const limit = step.retries ?? survey.maxRetries;
  if (retries >= limit) {
    return reply(survey, { ...withoutPending(state), retries, status: 'abandoned' }, 'abandoned');
  }

  const reprompt = repromptStep(survey, step, state.locale, reading.reprompt, reading.extra);
  return { state: { ...state, retries }, outbound: [reprompt], effects: [] };
}

/** Ends a conversation whose expiry has passed with "this survey has closed". */
export function expire(survey: Survey, state: ConversationState): TurnResult {
  return reply(survey, { ...withoutPending(state), status: 'expired' }, 'closed');
}

/**
 * Continues after an interruption such as a cancelled erasure: re-asks the current question,
 * or ends the conversation if it expired meanwhile. A closed conversation gets nothing more.
 */
export function resume(survey: Survey, state: ConversationState, now: number): TurnResult {
  if (!isActive(state.status)) return { state, outbound: [], effects: [] };
  if (now > state.expiresAt) return expire(survey, state);

  const step = survey.steps[state.stepIndex];
  if (!step) return advance(survey, state, state.stepIndex);
  return { state, outbound: [askStep(survey, step, state.locale)], effects: [] };
}
