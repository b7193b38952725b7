import { isDuplicateKeyError } from '../../src/storage/connect';
import { MessageStatusModel } from '../../src/storage/models';

/**
 * Order of Twilio's outbound message statuses, as twilio-node 6.3 types them (`MessageStatus`):
 * a status never replaces one of equal or higher rank. Final statuses share a rank, so the first
 * final status to arrive stays, except that WhatsApp's `read` follows `delivered`.
 */
const STATUS_RANKS: Readonly<Record<string, number>> = {
  accepted: 0,
  scheduled: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  canceled: 4,
  partially_delivered: 4,
  read: 5,
};

const FAILED_STATUSES = new Set(['failed', 'undelivered']);

/** Returns whether ces-bot tracks `status`; Twilio may add statuses that it does not know. */
export function isKnownStatus(status: string): boolean {
  return Object.hasOwn(STATUS_RANKS, status);
}

export interface StatusReport {
  messageSid: string;
  /** One of Twilio's message statuses; see {@link isKnownStatus}. */
  status: string;
  errorCode?: number;
  channel: string;
  at: Date;
}

/**
 * Records a status callback unless the message already has this status or a later one, so
 * callbacks that arrive late or twice change nothing. Returns whether the status was recorded.
 *
 * No transactions: one conditional upsert. When the message has no document yet, two callbacks
 * may both insert it; the loser's duplicate key error leads to a plain conditional update.
 */
export async function recordStatus(report: StatusReport): Promise<boolean> {
  const rank = STATUS_RANKS[report.status];
  if (rank === undefined) return false;

  const filter = { _id: report.messageSid, rank: { $lt: rank } };
  const set = {
    status: report.status,
    rank,
    at: report.at,
    ...(report.errorCode !== undefined && { errorCode: report.errorCode }),
    ...(FAILED_STATUSES.has(report.status) && { deliveryFailed: true }),
  };
  try {
    await MessageStatusModel.updateOne(
      filter,
      { $set: set, $setOnInsert: { channel: report.channel } },
      { upsert: true },
    ).exec();
    return true;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const result = await MessageStatusModel.updateOne(filter, { $set: set }).exec();
  return result.modifiedCount === 1;
}

export interface SentMessage {
  messageSid: string;
  /** The status in the API's response to the send request, usually `queued`. */
  status: string;
  channel: string;
  conversationId?: string;
  at: Date;
}

/**
 * Links a message that ces-bot just sent to its conversation. A status callback that arrived
 * before the API's response keeps its later status.
 */
export async function recordSent(message: SentMessage): Promise<void> {
  const link = {
    channel: message.channel,
    ...(message.conversationId && { conversationId: message.conversationId }),
  };
  const initial = {
    status: message.status,
    rank: STATUS_RANKS[message.status] ?? 0,
    at: message.at,
  };
  try {
    await MessageStatusModel.updateOne(
      { _id: message.messageSid },
      { $set: link, $setOnInsert: initial },
      { upsert: true },
    ).exec();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await MessageStatusModel.updateOne({ _id: message.messageSid }, { $set: link }).exec();
  }
}
