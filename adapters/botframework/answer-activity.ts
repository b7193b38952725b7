import type { Logger } from 'pino';

import type { TurnService } from '../../src/conversations/turn-service';
import type { OutboundMessage } from '../../src/engine/types';
import { addedUsers, isGroupConversation, toMessageTurn, type InboundActivity } from './activity';

export interface AnswerActivityDeps {
  turns: TurnService;
  /** The survey that a new one-to-one conversation starts. */
  surveyId: string;
  log: Logger;
}

/**
 * Takes the turn an activity calls for and returns the messages to send back: a message is
 * answered by the engine, and a user joining the conversation is sent the consent question.
 * Other activity types and group conversations get no reply.
 */
export async function answerActivity(
  activity: InboundActivity,
  deps: AnswerActivityDeps,
): Promise<OutboundMessage[]> {
  if (isGroupConversation(activity)) {
    deps.log.debug({ type: activity.type }, 'ignored activity from a group conversation');
    return [];
  }

  if (activity.type === 'message') {
    const outcome = await deps.turns.handle(toMessageTurn(activity, deps.surveyId));
    return outcome.outbound;
  }
  if (activity.type === 'conversationUpdate') return startSurveys(activity, deps);
  return [];
}

/**
 * Starts the survey for each user the update adds. The turn service starts nothing when a
 * conversation is already open, so a redelivered update sends the consent question once.
 */
async function startSurveys(
  activity: InboundActivity,
  deps: AnswerActivityDeps,
): Promise<OutboundMessage[]> {
  const outbound: OutboundMessage[] = [];
  for (const userId of addedUsers(activity)) {
    const outcome = await deps.turns.start({
      channel: 'botframework',
      address: { kind: 'botframework', channelId: activity.channelId, userId },
      surveyId: deps.surveyId,
      ...(activity.locale && { locale: activity.locale }),
    });
    outbound.push(...outcome.outbound);
  }
  return outbound;
}
