import type { Logger } from 'pino';

import { startConversation, step } from '../engine/engine';
import { detectKeyword } from '../engine/keywords';
import type {
  ConversationState,
  ConversationStatus,
  InboundEvent,
  OutboundMessage,
  TurnResult,
} from '../engine/types';
import { ConflictError } from '../errors';
import { SealedValueError, type KeyRing } from '../privacy/key-ring';
import { pickDeclaredMetadata } from '../privacy/minimise';
import { pseudonymize, type RespondentAddress } from '../privacy/pseudonym';
import type { RightsService } from '../privacy/rights';
import { isDuplicateKeyError } from '../storage/connect';
import { DeliveryModel } from '../storage/models';
import type { SurveyRegistry } from '../surveys/registry';
import type { Channel, Locale, Survey } from '../surveys/schema';
import { ConversationStore, isOpen, type StoredConversation } from './conversation-store';
import { EffectWriter } from './effect-writer';
import { KeyedLock } from './keyed-lock';
import { pickLocale } from './pick-locale';
import { isSuppressed, suppressedNotice } from './suppression';

/** One message from a respondent, already verified and parsed by its channel's adapter. */
export interface InboundTurn {
  channel: Channel;
  address: RespondentAddress;
  /** The provider's id of this message; a repeated id is answered with nothing. */
  deliveryId?: string;
  event: InboundEvent;
  /** The survey to start when the respondent has no conversation on this channel. */
  surveyId: string;
  /** The locale the channel reports for the respondent, if any. */
  locale?: string;
  /** Invitation metadata; fields the survey does not declare are dropped. */
  metadata?: Record<string, unknown>;
}

export interface TurnOutcome {
  /** True when this delivery was handled before; nothing was done and nothing should be sent. */
  duplicate: boolean;
  outbound: OutboundMessage[];
  conversationId?: string;
  /** The conversation's status after the turn; absent when no conversation was involved. */
  status?: ConversationStatus;
  /** The sealed-away address to reply to, for channels that send replies by API. */
  address: RespondentAddress;
}

export interface TurnServiceDeps {
  surveys: SurveyRegistry;
  keyRing: KeyRing;
  pseudonymKey: Buffer;
  rights: RightsService;
  log: Logger;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock?: () => number;
}

/** Concurrent turns on one conversation are rare; three attempts absorb them. */
const MAX_ATTEMPTS = 3;

/** A stored conversation with its engine state opened. */
interface CurrentConversation {
  stored: StoredConversation;
  state: ConversationState;
}

/**
 * Takes one turn of a conversation: one read, the pure engine step, then at most a conversation
 * write and the writes of its effects. Holds no state, so any number of processes can serve.
 */
export class TurnService {
  private readonly store: ConversationStore;
  private readonly effects: EffectWriter;
  private readonly clock: () => number;
  /**
   * Turns of one respondent on one channel run one at a time in this process. Across processes
   * the conversation's version guard decides, which is atomic on MongoDB.
   * NOTE: FerretDB 1.24 with SQLite does not apply a guarded update atomically, so on the
   * embedded database two processes serving one conversation can both win a turn.
   */
  private readonly lock = new KeyedLock();

  constructor(private readonly deps: TurnServiceDeps) {
    this.store = new ConversationStore(deps.keyRing);
    this.effects = new EffectWriter(deps);
    this.clock = deps.clock ?? Date.now;
  }

  /** Handles an inbound message and returns the replies to send. */
  async handle(turn: InboundTurn): Promise<TurnOutcome> {
    const respondent = pseudonymize(this.deps.pseudonymKey, turn.address);
    const log = this.deps.log.child({ channel: turn.channel, deliveryId: turn.deliveryId });
    if (turn.deliveryId && !(await this.claimDelivery(turn, respondent))) {
      log.info('duplicate delivery ignored');
      return { duplicate: true, outbound: [], address: turn.address };
    }

    try {
      const key = `${respondent}:${turn.channel}`;
      return await this.lock.run(key, () =>
        this.withRetries(() => this.takeTurn(turn, respondent, log), log),
      );
    } catch (error) {
      // Release the claim so that the provider's retry of this message is processed.
      if (turn.deliveryId) await DeliveryModel.deleteOne({ _id: deliveryKey(turn) }).exec();
      throw error;
    }
  }

  /**
   * Starts a survey for a respondent, as an invitation or a web chat page does, unless one is
   * already open on this channel or the respondent is suppressed. Returns the first messages.
   */
  async start(turn: Omit<InboundTurn, 'event' | 'deliveryId'>): Promise<TurnOutcome> {
    const respondent = pseudonymize(this.deps.pseudonymKey, turn.address);
    return this.lock.run(`${respondent}:${turn.channel}`, () => this.startLocked(turn, respondent));
  }

  private async startLocked(
    turn: Omit<InboundTurn, 'event' | 'deliveryId'>,
    respondent: string,
  ): Promise<TurnOutcome> {
    const survey = this.deps.surveys.get(turn.surveyId);
    const now = this.clock();
    const latest = await this.store.findCurrent(respondent, turn.channel, now);
    if (latest && isOpen(latest.status)) {
      return {
        duplicate: false,
        outbound: [],
        conversationId: String(latest._id),
        status: latest.status as ConversationStatus,
        address: turn.address,
      };
    }
    if (await isSuppressed(respondent, survey.id)) {
      return { duplicate: false, outbound: [], address: turn.address };
    }
    return this.begin(turn, respondent, survey, now);
  }

  /**
   * Takes every message, keywords included, within the conversation that is open or closed less
   * than its expiry ago. So a late reply gets "this survey has closed", a data request acts on
   * that conversation, and neither starts a new survey.
   */
  private async takeTurn(turn: InboundTurn, respondent: string, log: Logger): Promise<TurnOutcome> {
    const now = this.clock();
    const current = await this.readCurrent(respondent, turn.channel, now, log);
    const survey = current && this.surveyFor(current.stored);
    if (current && survey) return this.continue(current, survey, turn, now);

    return this.beginFromMessage(turn, respondent, now);
  }

  /**
   * Reads the current conversation and opens its state. A state that the key ring cannot open,
   * as after ENCRYPTION_KEY lost the key that sealed it, would block every turn including STOP
   * and erasure. So that conversation is closed with its sealed data kept, and the turn goes on
   * as if there were no conversation.
   */
  private async readCurrent(
    respondent: string,
    channel: Channel,
    now: number,
    log: Logger,
  ): Promise<CurrentConversation | undefined> {
    const stored = await this.store.findCurrent(respondent, channel, now);
    if (!stored) return undefined;
    try {
      return { stored, state: this.store.toState(stored) };
    } catch (error) {
      if (!(error instanceof SealedValueError)) throw error;
      await this.setAsideUnreadable(stored, now, log);
      return undefined;
    }
  }

  private async setAsideUnreadable(
    stored: StoredConversation,
    now: number,
    log: Logger,
  ): Promise<void> {
    const conversationId = String(stored._id);
    const keyId = this.store.sealedKeyId(stored);
    log.error(
      { conversationId, keyId },
      'conversation closed because no configured key opens its state, so the message is ' +
        'handled without it. Add the key named by keyId to ENCRYPTION_KEY to read its data',
    );
    if (!(await this.store.closeUnreadable(stored, now))) {
      throw new ConflictError(`conversation ${conversationId} changed during the turn`);
    }
  }

  /**
   * Returns the conversation's survey. An open conversation needs it, but a closed one whose
   * survey was removed gets undefined, so that the message is handled as if there were none.
   */
  private surveyFor(stored: StoredConversation): Survey | undefined {
    if (isOpen(stored.status)) return this.deps.surveys.get(stored.surveyId);
    return this.deps.surveys.has(stored.surveyId)
      ? this.deps.surveys.get(stored.surveyId)
      : undefined;
  }

  private async continue(
    current: CurrentConversation,
    survey: Survey,
    turn: InboundTurn,
    now: number,
  ): Promise<TurnOutcome> {
    const { stored } = current;
    const result = step(survey, current.state, turn.event, now);
    await this.save(current, result.state);
    return this.finish(result, survey, stored.respondent, String(stored._id), turn, now);
  }

  /**
   * Writes the state the engine returned, guarded by the version read. The engine returns the
   * state object it was given when nothing changed, such as for help or a late reply, and then
   * nothing is written. A declined conversation is deleted outright.
   */
  private async save(current: CurrentConversation, state: ConversationState): Promise<void> {
    if (state === current.state) return;

    const { stored } = current;
    if (state.status === 'declined') {
      await this.store.remove(stored);
      await this.forgetDeliveries(stored.respondent);
    } else if (!(await this.store.update(stored, state))) {
      throw new ConflictError(`conversation ${String(stored._id)} changed during the turn`);
    }
  }

  private async beginFromMessage(
    turn: InboundTurn,
    respondent: string,
    now: number,
  ): Promise<TurnOutcome> {
    const survey = this.deps.surveys.get(turn.surveyId);
    if (isKeyword(turn.event))
      return this.keywordWithoutConversation(turn, respondent, survey, now);

    if (await isSuppressed(respondent, survey.id)) {
      const locale = pickLocale(survey, turn.metadata?.locale, turn.locale);
      return {
        duplicate: false,
        outbound: [suppressedNotice(survey, locale)],
        address: turn.address,
      };
    }
    // The message that opens a conversation is not an answer: it is answered with the consent
    // question, so that nothing is processed before consent.
    return this.begin(turn, respondent, survey, now);
  }

  /** A keyword such as STOP or HELP from someone with no conversation starts no survey. */
  private async keywordWithoutConversation(
    turn: InboundTurn,
    respondent: string,
    survey: Survey,
    now: number,
  ): Promise<TurnOutcome> {
    const started = this.startState(turn, survey, now);
    const result = step(survey, started.state, turn.event, now);
    let conversationId: string | undefined;
    if (result.state.pendingConfirmation) {
      // An erasure request waits for its confirmation, which needs a conversation to land in.
      const created = await this.create(respondent, turn.address, result.state);
      conversationId = String(created._id);
    }
    return this.finish(result, survey, respondent, conversationId ?? '', turn, now);
  }

  private async begin(
    turn: Omit<InboundTurn, 'event' | 'deliveryId'>,
    respondent: string,
    survey: Survey,
    now: number,
  ): Promise<TurnOutcome> {
    const started = this.startState(turn, survey, now);
    const created = await this.create(respondent, turn.address, started.state);
    return {
      duplicate: false,
      outbound: started.outbound,
      conversationId: String(created._id),
      status: started.state.status,
      address: turn.address,
    };
  }

  /** Inserts a conversation, or raises a conflict when another turn opened one first. */
  private async create(
    respondent: string,
    address: RespondentAddress,
    state: ConversationState,
  ): Promise<StoredConversation> {
    const created = await this.store.create(respondent, address, state);
    if (!created) throw new ConflictError('a conversation was opened during the turn');
    return created;
  }

  private startState(
    turn: Omit<InboundTurn, 'event' | 'deliveryId'>,
    survey: Survey,
    now: number,
  ): TurnResult {
    const metadata = pickDeclaredMetadata(survey, turn.metadata ?? {}, this.deps.log);
    const locale: Locale = pickLocale(survey, turn.metadata?.locale, turn.locale);
    return startConversation(survey, { channel: turn.channel, locale, metadata, now });
  }

  private async finish(
    result: TurnResult,
    survey: Survey,
    respondent: string,
    conversationId: string,
    turn: InboundTurn,
    now: number,
  ): Promise<TurnOutcome> {
    const context = { survey, state: result.state, respondent, conversationId, now };
    const extra = await this.effects.apply(result.effects, context);
    const outcome: TurnOutcome = {
      duplicate: false,
      outbound: [...result.outbound, ...extra],
      address: turn.address,
    };
    if (conversationId) {
      outcome.conversationId = conversationId;
      outcome.status = result.state.status;
    }
    return outcome;
  }

  private async claimDelivery(turn: InboundTurn, respondent: string): Promise<boolean> {
    try {
      await DeliveryModel.create({
        _id: deliveryKey(turn),
        respondent,
        at: new Date(this.clock()),
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /**
   * Keeps the delivery claims of a respondent who declined, so provider retries stay idempotent,
   * but drops the pseudonym from them: the suppression is then all that refers to the person.
   */
  private async forgetDeliveries(respondent: string): Promise<void> {
    await DeliveryModel.updateMany({ respondent }, { $unset: { respondent: 1 } }).exec();
  }

  private async withRetries<T>(work: () => Promise<T>, log: Logger): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        log.info({ attempt }, 'turn conflicted with a concurrent turn, retrying');
      }
    }
  }
}

function deliveryKey(turn: InboundTurn): string {
  return `${turn.channel}:${turn.deliveryId}`;
}

function isKeyword(event: InboundEvent): boolean {
  return event.kind === 'text' && detectKeyword(event.text) !== undefined;
}
