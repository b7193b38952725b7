import type { HydratedDocument } from 'mongoose';

import type { ConversationState } from '../engine/types';
import { KEY_ID_PATTERN, type KeyRing } from '../privacy/key-ring';
import type { RespondentAddress } from '../privacy/pseudonym';
import { isDuplicateKeyError } from '../storage/connect';
import { ConversationModel } from '../storage/models';
import type { ConversationDoc } from '../storage/models/conversation';
import type { Channel, Locale } from '../surveys/schema';

export type StoredConversation = HydratedDocument<ConversationDoc>;

const OPEN_STATUSES = new Set(['consent', 'open']);

/** Reads and writes conversation documents, sealing answers and contact on the way in. */
export class ConversationStore {
  constructor(private readonly keyRing: KeyRing) {}

  /**
   * The open conversation of a respondent on a channel, else the one that closed less than its
   * expiry ago with the latest expiry, because an invitation can start a new conversation while
   * an older one is still in that period. The open one is found through the unique `openKey`,
   * which is the turn's one read in the common case. The second query runs only when nothing is
   * open.
   */
  async findCurrent(
    respondent: string,
    channel: Channel,
    now: number,
  ): Promise<StoredConversation | null> {
    const open = await ConversationModel.findOne({ openKey: `${respondent}:${channel}` }).exec();
    if (open) return open;
    return ConversationModel.findOne({
      respondent,
      channel,
      expiresAt: { $gt: new Date(now) },
    })
      .sort({ expiresAt: -1 })
      .exec();
  }

  /** Inserts a new conversation; returns null when another process opened one first. */
  async create(
    respondent: string,
    address: RespondentAddress,
    state: ConversationState,
  ): Promise<StoredConversation | null> {
    const doc = new ConversationModel({
      respondent,
      contact: this.keyRing.seal(JSON.stringify(address)),
      version: 0,
      ...this.toFields(state),
    });
    doc.openKey = openKeyFor(respondent, state.channel, state, String(doc._id));
    try {
      return await doc.save();
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  /**
   * Writes the new state only if no other turn wrote since `stored` was read, and returns false
   * on such a conflict so that the caller can retry with a fresh read. A closed conversation drops its contact,
   * because nothing will be sent to it any more.
   */
  async update(stored: StoredConversation, state: ConversationState): Promise<boolean> {
    const closed = !OPEN_STATUSES.has(state.status);
    const set = {
      ...this.toFields(state),
      openKey: openKeyFor(stored.respondent, state.channel, state, String(stored._id)),
    };
    const update = closed
      ? { $set: set, $unset: { contact: 1 }, $inc: { version: 1 } }
      : { $set: set, $inc: { version: 1 } };
    const result = await ConversationModel.updateOne(
      { _id: stored._id, version: stored.version },
      update,
    ).exec();
    return result.modifiedCount === 1;
  }

  /**
   * Closes a conversation whose sealed state cannot be opened, keeping its sealed answers and
   * contact so that they can be read once the missing key is configured again. An open one
   * becomes `abandoned`. It expires at `now`, so {@link ConversationStore.findCurrent} no
   * longer returns it. Returns false when a concurrent turn wrote first.
   */
  async closeUnreadable(stored: StoredConversation, now: number): Promise<boolean> {
    const id = String(stored._id);
    const status = isOpen(stored.status) ? 'abandoned' : stored.status;
    const result = await ConversationModel.updateOne(
      { _id: stored._id, version: stored.version },
      {
        $set: { status, openKey: `closed:${id}`, expiresAt: new Date(now) },
        $inc: { version: 1 },
      },
    ).exec();
    return result.modifiedCount === 1;
  }

  /**
   * Returns the key id that the sealed state names, or `unknown` when the value is malformed. A
   * key id is a label, not key material, so it is safe to log.
   */
  sealedKeyId(stored: StoredConversation): string {
    const keyId = stored.answers.split('.')[1];
    return keyId !== undefined && KEY_ID_PATTERN.test(keyId) ? keyId : 'unknown';
  }

  /** Deletes a conversation outright, as after a declined consent. */
  async remove(stored: StoredConversation): Promise<void> {
    await ConversationModel.deleteOne({ _id: stored._id }).exec();
  }

  /** Rebuilds the engine state from a stored document. */
  toState(stored: StoredConversation): ConversationState {
    const { answers, raw } = JSON.parse(this.keyRing.open(stored.answers));
    const state: ConversationState = {
      surveyId: stored.surveyId,
      channel: stored.channel as Channel,
      locale: stored.locale as Locale,
      status: stored.status as ConversationState['status'],
      stepIndex: stored.stepIndex,
      retries: stored.retries,
      answers,
      raw,
      metadata: (stored.metadata ?? {}) as Record<string, string>,
      startedAt: stored.startedAt.getTime(),
      lastActivityAt: stored.lastActivityAt.getTime(),
      expiresAt: stored.expiresAt.getTime(),
    };
    if (stored.pendingConfirmation === 'erase') state.pendingConfirmation = 'erase';
    return state;
  }

  /** Opens the sealed contact address, for channels whose replies are sent by API after the turn. */
  openContact(stored: StoredConversation): RespondentAddress | undefined {
    if (!stored.contact) return undefined;
    return JSON.parse(this.keyRing.open(stored.contact)) as RespondentAddress;
  }

  private toFields(state: ConversationState) {
    const closed = !OPEN_STATUSES.has(state.status);
    // A closed conversation keeps no answers: a completed one has them in `answers` already.
    const content = closed ? { answers: {}, raw: {} } : { answers: state.answers, raw: state.raw };
    return {
      surveyId: state.surveyId,
      channel: state.channel,
      locale: state.locale,
      status: state.status,
      stepIndex: state.stepIndex,
      retries: state.retries,
      answers: this.keyRing.seal(JSON.stringify(content)),
      metadata: state.metadata,
      pendingConfirmation: state.pendingConfirmation ?? null,
      startedAt: new Date(state.startedAt),
      lastActivityAt: new Date(state.lastActivityAt),
      expiresAt: new Date(state.expiresAt),
    };
  }
}

/** True while the engine still expects replies in this conversation. */
export function isOpen(status: string): boolean {
  return OPEN_STATUSES.has(status);
}

function openKeyFor(
  respondent: string,
  channel: string,
  state: ConversationState,
  id: string,
): string {
  return isOpen(state.status) ? `${respondent}:${channel}` : `closed:${id}`;
}
