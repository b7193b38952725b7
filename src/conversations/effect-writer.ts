import type { Logger } from 'pino';

import type { ConversationState, Effect, OutboundMessage } from '../engine/types';
import type { KeyRing } from '../privacy/key-ring';
import type { RightsService } from '../privacy/rights';
import { addToRollup } from '../reporting/rollups';
import { isDuplicateKeyError } from '../storage/connect';
import { AnswerModel, AuditModel, ConsentModel, SuppressionModel } from '../storage/models';
import type { Survey } from '../surveys/schema';
import { composeAnswer } from './compose-answer';

export interface EffectContext {
  survey: Survey;
  state: ConversationState;
  respondent: string;
  conversationId: string;
  now: number;
}

type ConsentEffect = Extract<Effect, { kind: 'consent' }>;

/**
 * Stores what must outlive a conversation: consents, answers, suppressions, and the respondent's
 * rights requests. Each write is one document guarded by a unique index, so a retried turn
 * cannot store anything twice.
 */
export class EffectWriter {
  constructor(private readonly deps: { keyRing: KeyRing; rights: RightsService; log: Logger }) {}

  /** Applies the effects in order; returns extra messages to send, such as an access summary. */
  async apply(effects: Effect[], context: EffectContext): Promise<OutboundMessage[]> {
    const outbound: OutboundMessage[] = [];
    const decline = effects.find(
      (effect): effect is ConsentEffect => effect.kind === 'consent' && !effect.granted,
    );
    for (const effect of effects) {
      const message = await this.applyOne(effect, context, decline);
      if (message) outbound.push(message);
    }
    return outbound;
  }

  private async applyOne(
    effect: Effect,
    context: EffectContext,
    decline: ConsentEffect | undefined,
  ): Promise<OutboundMessage | undefined> {
    switch (effect.kind) {
      case 'consent':
        if (effect.granted) await this.storeConsent(effect, context);
        return undefined;
      case 'answer':
        await this.storeAnswer(effect, context);
        return undefined;
      case 'suppress':
        await this.suppress(effect.reason, context, decline);
        return undefined;
      case 'lift-suppression':
        await SuppressionModel.deleteMany({ respondent: context.respondent }).exec();
        await this.audit('suppression-lifted', context);
        return undefined;
      case 'access':
        return { text: await this.deps.rights.summarize(context.respondent, context.state.locale) };
      case 'erase':
        await this.deps.rights.erase(context.respondent, 'chat');
        return undefined;
      case 'rectify':
        await this.audit('answer-rectified', context, { key: effect.key });
        return undefined;
    }
  }

  private async storeConsent(effect: ConsentEffect, context: EffectContext): Promise<void> {
    await ConsentModel.create({
      surveyId: context.survey.id,
      respondent: context.respondent,
      channel: context.state.channel,
      noticeVersion: effect.noticeVersion,
      textHash: effect.textHash,
      granted: true,
      at: new Date(context.now),
    });
  }

  private async storeAnswer(
    effect: Extract<Effect, { kind: 'answer' }>,
    context: EffectContext,
  ): Promise<void> {
    const answer = composeAnswer(
      { ...context, answers: effect.answers, raw: effect.raw },
      this.deps.keyRing,
    );
    try {
      await AnswerModel.create(answer);
    } catch (error) {
      // The answer of this conversation is already stored, so its score is already counted.
      if (isDuplicateKeyError(error)) return;
      throw error;
    }
    if (answer.score !== undefined) {
      const { surveyId, channel, score, completedAt: at } = answer;
      await addToRollup({ surveyId, channel, score, at });
    }
  }

  private async suppress(
    reason: 'declined' | 'stopped',
    context: EffectContext,
    decline: ConsentEffect | undefined,
  ): Promise<void> {
    // A stop covers every survey; a declined consent only the survey that asked.
    const surveyId = reason === 'stopped' ? '*' : context.survey.id;
    const fields = {
      reason,
      at: new Date(context.now),
      channel: context.state.channel,
      ...(reason === 'declined' && decline
        ? { noticeVersion: decline.noticeVersion, textHash: decline.textHash }
        : {}),
    };
    await SuppressionModel.updateOne(
      { respondent: context.respondent, surveyId },
      { $set: fields },
      { upsert: true },
    ).exec();
  }

  private async audit(
    action: string,
    context: EffectContext,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    await AuditModel.create({
      at: new Date(context.now),
      action,
      surveyId: context.survey.id,
      detail: { conversationId: context.conversationId, ...detail },
    });
  }
}
