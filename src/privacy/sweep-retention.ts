import type { Logger } from '../log';
import type { Survey } from '../surveys/schema';
import { writeAudit } from './audit-entry';
import { claimLease, releaseLease } from './lease';
import { connectedDb } from './respondent-collections';
import { cutoffFor } from './retention-terms';
import { SHARED_RULES, SURVEY_RULES } from './retention-rules';
import { listSurveys, type SurveySource } from './survey-source';

/** Name of the lease document that lets one process at a time sweep. */
export const RETENTION_LEASE = 'retention';

/** Lease slot length: far longer than a sweep takes, short enough to recover from a crash. */
const DEFAULT_LEASE_TTL_MS = 10 * 60 * 1000;

export interface SweepRetentionOptions {
  surveys: SurveySource;
  now: Date;
  log: Logger;
  /** Identifies this process in the lease and the logs. */
  owner: string;
  /** Lease slot length in milliseconds: the longest a crash mid-sweep delays the next sweep. */
  leaseTtlMs?: number;
}

/** One retention step that changed data; steps that changed nothing are left out. */
export interface RetentionAction {
  /** Absent for data that belongs to no single survey, such as delivery claims. */
  surveyId?: string;
  action: string;
  count: number;
  /** Data last changed before this moment had passed its term. */
  cutoff: Date;
}

export interface RetentionReport {
  /** False when another process held the lease, so this one changed nothing. */
  claimed: boolean;
  actions: RetentionAction[];
  /** Surveys that have stored data but no definition, so no retention terms apply to them. */
  undefinedSurveys: string[];
}

/**
 * Applies every survey's retention terms at `now`: removes contact addresses, free text and the
 * respondent link, then deletes conversations, answers, consents, delivery claims and audit
 * entries past their terms. Anonymous rollups stay. Writes one audit entry per step that changed
 * data. Safe to run in several processes at once: a lease lets one of them sweep, and every
 * step selects only data not yet handled, so a repeated sweep changes nothing.
 */
export async function sweepRetention(options: SweepRetentionOptions): Promise<RetentionReport> {
  const { now, owner } = options;
  const log = options.log.child({ owner });
  const ttlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  if (!(await claimLease({ name: RETENTION_LEASE, owner, now, ttlMs }))) {
    log.info('retention sweep skipped: another process holds the lease');
    return { claimed: false, actions: [], undefinedSurveys: [] };
  }

  try {
    const surveys = listSurveys(options.surveys);
    const actions = [...(await sweepSurveys(surveys, now)), ...(await sweepShared(surveys, now))];
    const undefinedSurveys = await findUndefinedSurveys(surveys);
    if (undefinedSurveys.length > 0) {
      log.warn(
        { surveyIds: undefinedSurveys },
        'data of undefined surveys kept: no retention terms',
      );
    }
    log.info({ actions: actions.length }, 'retention sweep finished');
    return { claimed: true, actions, undefinedSurveys };
  } finally {
    // A failed release must not hide the sweep's own error; the lease ends with its slot anyway.
    await releaseLease({ name: RETENTION_LEASE, owner }).catch((error: unknown) => {
      log.warn({ err: error }, 'retention lease release failed; it expires with its slot');
    });
  }
}

async function sweepSurveys(surveys: readonly Survey[], now: Date): Promise<RetentionAction[]> {
  const actions: RetentionAction[] = [];
  for (const survey of surveys) {
    for (const rule of SURVEY_RULES) {
      const cutoff = cutoffFor(now, rule.term(survey.privacy.retentionDays));
      const count = await rule.apply(survey.id, cutoff);
      if (count === 0) continue;

      const action = { surveyId: survey.id, action: rule.action, count, cutoff };
      actions.push(await recordAction(action, now));
    }
  }
  return actions;
}

async function sweepShared(surveys: readonly Survey[], now: Date): Promise<RetentionAction[]> {
  // Without any survey there is no term to apply, so shared data is kept.
  if (surveys.length === 0) return [];

  const terms = surveys.map((survey) => survey.privacy.retentionDays);
  const actions: RetentionAction[] = [];
  for (const rule of SHARED_RULES) {
    const cutoff = cutoffFor(now, rule.term(terms));
    const count = await rule.apply(cutoff);
    if (count > 0) actions.push(await recordAction({ action: rule.action, count, cutoff }, now));
  }
  return actions;
}

/** Writes the audit entry of a step before the sweep goes on, so a crash loses no record. */
async function recordAction(action: RetentionAction, now: Date): Promise<RetentionAction> {
  const detail = { count: action.count, cutoff: action.cutoff };
  await writeAudit({ action: action.action, at: now, surveyId: action.surveyId, detail });
  return action;
}

async function findUndefinedSurveys(surveys: readonly Survey[]): Promise<string[]> {
  const defined = new Set(surveys.map((survey) => survey.id));
  const found = new Set<string>();
  for (const name of ['answers', 'consents', 'conversations']) {
    const groups = connectedDb()
      .collection(name)
      .aggregate<{ _id: unknown }>([{ $group: { _id: '$surveyId' } }]);
    for await (const { _id } of groups) {
      if (typeof _id === 'string' && !defined.has(_id)) found.add(_id);
    }
  }
  return [...found].sort();
}
