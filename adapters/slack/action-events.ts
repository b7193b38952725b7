import type { Logger } from 'pino';

import { parseAnswerActionId } from './blocks';
import { START_SURVEY_ACTION } from './home-tab';
import { actionTeam, blockActionsSchema, slackAddress, type BlockActions } from './inbound';
import type { SlackTurns } from './slack-turns';

/**
 * Handles `block_actions`: an answer button becomes an action turn, whose step and value the
 * engine checks against the survey, so a forged value is re-asked and never stored. The Home
 * tab's start button starts the survey.
 */
export class ActionEvents {
  constructor(private readonly deps: { turns: SlackTurns; log: Logger }) {}

  async handle(body: unknown): Promise<void> {
    const parsed = blockActionsSchema.safeParse(body);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.');
      this.deps.log.warn({ field }, 'invalid slack block_actions payload ignored');
      return;
    }
    const actions = parsed.data;
    const action = actions.actions[0];
    const target = {
      address: slackAddress(actions.user.id, actionTeam(actions)),
      channel: replyChannel(actions),
    };
    if (action?.action_id === START_SURVEY_ACTION) {
      await this.deps.turns.start(target);
      return;
    }

    const answer = action && parseAnswerActionId(action.action_id);
    if (!answer) {
      this.deps.log.debug('slack action is not an answer button; ignored');
      return;
    }
    await this.deps.turns.take({
      ...target,
      // Interactions carry no event_id, but Slack issues a new trigger_id for each one.
      deliveryId: `trigger:${actions.trigger_id}`,
      event: { kind: 'action', stepId: answer.stepId, value: action.value ?? answer.value },
    });
  }
}

/**
 * Returns the DM the button was pressed in, or undefined so that a DM is opened. A button in a
 * view (Home tab, modal) has no channel. A button pressed outside a DM must not get its reply
 * where others can read it. DM channel ids start with `D`.
 */
function replyChannel(actions: BlockActions): string | undefined {
  const channel = actions.channel?.id;
  return channel?.startsWith('D') ? channel : undefined;
}
