import { pseudonymize, type RespondentAddress } from '../../src/privacy/pseudonym';
import { ConversationModel } from '../../src/storage/models';
import type { SurveyRegistry } from '../../src/surveys/registry';
import type { StepKind } from '../../src/surveys/schema';

/**
 * Reads whether a Slack user has a survey open past consent, and what kind of step one of its
 * steps is. Only the pseudonym and survey id are read; answers stay sealed.
 */
export class OpenSurveyLookup {
  constructor(private readonly deps: { pseudonymKey: Buffer; surveys: SurveyRegistry }) {}

  /** Returns the kind of `stepId` in the user's open survey, or undefined if none is open. */
  async stepKind(address: RespondentAddress, stepId: string): Promise<StepKind | undefined> {
    const respondent = pseudonymize(this.deps.pseudonymKey, address);
    const open = await ConversationModel.findOne(
      { respondent, channel: 'slack', status: 'open' },
      { surveyId: 1 },
    )
      .lean()
      .exec();
    if (!open || !this.deps.surveys.has(open.surveyId)) return undefined;
    return this.deps.surveys.get(open.surveyId).steps.find((step) => step.id === stepId)?.kind;
  }
}
