import {
  AnswerModel,
  AuditModel,
  ConsentModel,
  ConversationModel,
  DeliveryModel,
} from '../storage/models';
import type { Retention } from '../surveys/schema';

/** Conversation statuses in which the engine still expects replies. */
const OPEN_STATUSES = ['consent', 'open'];

/**
 * One retention step for one survey: the audit action it is recorded as, its term in days, and
 * the update or delete for data older than the cutoff, returning how many documents changed.
 * Every step selects only data it has not handled yet, so running it again changes nothing.
 */
export interface RetentionRule {
  action: string;
  term: (retention: Retention) => number;
  apply: (surveyId: string, cutoff: Date) => Promise<number>;
}

// A conversation contains both the contact address and the answers given so far, so it goes at the
// shorter of the two terms.
const conversationTerm = (retention: Retention) => Math.min(retention.contact, retention.freeText);

/** The steps per survey, in order: deletes first, so a later unset never counts a deleted one. */
export const SURVEY_RULES: readonly RetentionRule[] = [
  {
    action: 'retention.conversations-deleted',
    term: conversationTerm,
    apply: async (surveyId, cutoff) => {
      const closed = { status: { $nin: OPEN_STATUSES }, lastActivityAt: { $lt: cutoff } };
      const stale = { expiresAt: { $lt: cutoff } };
      const result = await ConversationModel.deleteMany({ surveyId, $or: [closed, stale] }).exec();
      return result.deletedCount;
    },
  },
  {
    action: 'retention.contact-removed',
    term: (retention) => retention.contact,
    apply: async (surveyId, cutoff) => {
      const result = await ConversationModel.updateMany(
        { surveyId, lastActivityAt: { $lt: cutoff }, contact: { $exists: true } },
        { $unset: { contact: 1 } },
      ).exec();
      return result.modifiedCount;
    },
  },
  {
    action: 'retention.answers-deleted',
    term: (retention) => retention.scores,
    apply: async (surveyId, cutoff) => {
      const result = await AnswerModel.deleteMany({
        surveyId,
        completedAt: { $lt: cutoff },
      }).exec();
      return result.deletedCount;
    },
  },
  {
    action: 'retention.free-text-removed',
    term: (retention) => retention.freeText,
    apply: (surveyId, cutoff) => unsetAnswerField(surveyId, cutoff, 'text'),
  },
  {
    action: 'retention.respondent-unlinked',
    term: (retention) => retention.contact,
    apply: (surveyId, cutoff) => unsetAnswerField(surveyId, cutoff, 'respondent'),
  },
  {
    action: 'retention.consents-deleted',
    term: (retention) => retention.consent,
    apply: async (surveyId, cutoff) => {
      const result = await ConsentModel.deleteMany({ surveyId, at: { $lt: cutoff } }).exec();
      return result.deletedCount;
    },
  },
  {
    action: 'retention.audit-deleted',
    term: (retention) => retention.audit,
    apply: async (surveyId, cutoff) => {
      const result = await AuditModel.deleteMany({ surveyId, at: { $lt: cutoff } }).exec();
      return result.deletedCount;
    },
  },
];

async function unsetAnswerField(
  surveyId: string,
  cutoff: Date,
  field: 'text' | 'respondent',
): Promise<number> {
  const result = await AnswerModel.updateMany(
    { surveyId, completedAt: { $lt: cutoff }, [field]: { $exists: true } },
    { $unset: { [field]: 1 } },
  ).exec();
  return result.modifiedCount;
}

/**
 * A retention step for data that belongs to no single survey, with its term chosen from the
 * terms of all surveys.
 */
export interface SharedRetentionRule {
  action: string;
  /** Chooses the term in days from the terms of every defined survey. */
  term: (terms: readonly Retention[]) => number;
  apply: (cutoff: Date) => Promise<number>;
}

export const SHARED_RULES: readonly SharedRetentionRule[] = [
  {
    // Delivery claims only stop provider retries, which arrive within hours, but they carry the
    // pseudonym, so they go at the shortest contact term of any survey.
    action: 'retention.deliveries-deleted',
    term: (terms) => Math.min(...terms.map((retention) => retention.contact)),
    apply: async (cutoff) => {
      const result = await DeliveryModel.deleteMany({ at: { $lt: cutoff } }).exec();
      return result.deletedCount;
    },
  },
  {
    // Entries such as erasures span surveys. They hold counts only, so they stay for the longest
    // audit term of any survey.
    action: 'retention.audit-deleted',
    term: (terms) => Math.max(...terms.map((retention) => retention.audit)),
    apply: async (cutoff) => {
      const filter = { surveyId: { $exists: false }, at: { $lt: cutoff } };
      const result = await AuditModel.deleteMany(filter).exec();
      return result.deletedCount;
    },
  },
];
