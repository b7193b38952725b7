import type { Survey } from '../surveys/schema';
import { answerKey, isQuestion } from '../surveys/steps';
import { evaluateCondition } from './conditions';
import { expire, isActive, reply, resume, touch, withoutPending } from './flow';
import type { Keyword } from './keywords';
import { parseYesNo } from './parse-yes-no';
import { askStep } from './questions';
import { engineText } from './texts';
import type { ConversationState, Effect, InboundEvent, TurnResult } from './types';

/**
 * Handles a keyword in any state. Help and access leave the conversation as it is, and so does
 * start unless the conversation was stopped. Stop ends an active conversation, and a closed one
 * keeps its status so that a completed survey still reads as completed.
 */
export function handleKeyword(
  survey: Survey,
  state: ConversationState,
  keyword: Keyword,
  now: number,
): TurnResult {
  switch (keyword) {
    case 'stop':
      return stop(survey, state, now);
    case 'start':
      return start(survey, state, now);
    case 'help':
      return reply(survey, state, 'help');
    case 'access':
      // The turn service composes the reply, because only it can read the stored data.
      return { state, outbound: [], effects: [{ kind: 'access' }] };
    case 'erase':
      return reply(survey, { ...state, pendingConfirmation: 'erase' }, 'erase.confirm');
    case 'rectify':
      return rectify(survey, state, now);
  }
}

function stop(survey: Survey, state: ConversationState, now: number): TurnResult {
  const status = isActive(state.status) ? 'stopped' : state.status;
  const stopped = { ...withoutPending(state), status, lastActivityAt: now };
  return reply(survey, stopped, 'stopped', [{ kind: 'suppress', reason: 'stopped' }]);
}

/**
 * Lifts the suppression. A stopped conversation also expires at `now`, so that the next message
 * starts the survey again, as after a declined consent, whose conversation is deleted. Any
 * other conversation keeps its expiry, so that START after a completed survey does not lead to
 * a second response.
 */
function start(survey: Survey, state: ConversationState, now: number): TurnResult {
  const effects: Effect[] = [{ kind: 'lift-suppression' }];
  if (state.status !== 'stopped') return reply(survey, state, 'started', effects);

  const ended = { ...withoutPending(state), expiresAt: Math.min(state.expiresAt, now) };
  return reply(survey, ended, 'started', effects);
}

/**
 * Handles the reply to "do you want us to delete your data?". Only a yes erases. The state
 * drops its answers, raw replies and metadata too, so that saving it afterwards keeps nothing.
 * Any other reply cancels and re-asks the current question.
 */
export function answerErasure(
  survey: Survey,
  state: ConversationState,
  event: InboundEvent,
  now: number,
): TurnResult {
  const cleared = withoutPending(state);
  if (event.kind === 'text' && parseYesNo(event.text) === 'yes') {
    const status = isActive(state.status) ? 'stopped' : state.status;
    const erased = { ...cleared, status, answers: {}, raw: {}, metadata: {}, lastActivityAt: now };
    return reply(survey, erased, 'erase.done', [{ kind: 'erase' }]);
  }

  const resumed = resume(survey, cleared, now);
  const cancelled = { text: engineText(survey, state.locale, 'erase.cancelled') };
  return { ...resumed, outbound: [cancelled, ...resumed.outbound] };
}

/**
 * Goes back to the last answered question (never to consent), clears its answer and re-asks
 * it. Only an active conversation can be changed this way. A completed one gets "your answers
 * can no longer be changed", and any other closed one "this survey has closed".
 */
function rectify(survey: Survey, state: ConversationState, now: number): TurnResult {
  if (!isActive(state.status)) {
    const code = state.status === 'completed' ? 'rectify.closed' : 'closed';
    return reply(survey, withoutPending(state), code);
  }
  if (now > state.expiresAt) return expire(survey, state);

  const cleared = withoutPending(state);
  const target = findLastAnswered(survey, cleared);
  if (!target) {
    const resumed = resume(survey, cleared, now);
    const nothing = { text: engineText(survey, state.locale, 'rectify.nothing') };
    return { ...resumed, outbound: [nothing, ...resumed.outbound] };
  }

  const key = answerKey(target.step);
  const reopened: ConversationState = {
    ...cleared,
    answers: omitKey(cleared.answers, key),
    raw: omitKey(cleared.raw, key),
    stepIndex: target.index,
    retries: 0,
    status: 'open',
  };
  const intro = { text: engineText(survey, state.locale, 'rectify.ok') };
  const question = askStep(survey, target.step, state.locale);
  return {
    state: touch(survey, reopened, now),
    outbound: [intro, question],
    effects: [{ kind: 'rectify', key }],
  };
}

/**
 * Finds the question answered last before the current step. Of several text steps that share a
 * `saveAs` key, only the one whose condition held was asked, so the condition is checked too.
 */
function findLastAnswered(survey: Survey, state: ConversationState) {
  const context = { answers: state.answers, metadata: state.metadata };
  for (let index = Math.min(state.stepIndex, survey.steps.length) - 1; index >= 0; index--) {
    const step = survey.steps[index];
    if (!step || !isQuestion(step)) continue;

    const answered = Object.hasOwn(state.answers, answerKey(step));
    if (answered && evaluateCondition(step.when, context)) return { step, index };
  }
  return undefined;
}

function omitKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}
