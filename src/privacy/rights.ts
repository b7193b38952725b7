import type { Logger } from '../log';
import type { Locale } from '../surveys/schema';
import { summarizeHoldings } from './access-summary';
import { writeAudit } from './audit-entry';
import {
  erasureLedgerKey,
  findRecordedErasures,
  recordErasure,
  type ErasureSource,
} from './erasure-ledger';
import { collectRespondentDocuments } from './export-data';
import type { KeyRing } from './key-ring';
import { rectifyAnswerScore, type RectifiedScore } from './rectify';
import {
  connectedDb,
  countRespondentDocuments,
  deleteRespondentDocuments,
  listRespondentCollections,
} from './respondent-collections';
import { surveysById, type SurveySource } from './survey-source';

export type { ErasureSource } from './erasure-ledger';
export type { RectifiedScore } from './rectify';

export interface RightsServiceDeps {
  keyRing: KeyRing;
  pseudonymKey: Buffer;
  log: Logger;
  /** Survey definitions, for the retention dates in summaries and the scale in rectification. */
  surveys?: SurveySource;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock?: () => number;
}

/** Everything stored about one respondent, with sealed fields opened. */
export interface RespondentExport {
  respondent: string;
  exportedAt: string;
  /** Whether the erasure ledger records an erasure of this respondent. */
  erasureRecorded: boolean;
  /** Documents by collection name; each carries its survey id and dates. */
  collections: Record<string, unknown[]>;
}

/** Documents deleted per collection name. */
export type ErasureCounts = Record<string, number>;

/** Respondents looked up in the erasure ledger per query during re-application. */
const LEDGER_BATCH = 500;

/**
 * The respondent's rights in code: access (export and in-chat summary), erasure with a ledger
 * that survives it, and rectification of a score. Respondents are named by pseudonym only.
 */
export class RightsService {
  private readonly clock: () => number;

  constructor(private readonly deps: RightsServiceDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  /**
   * Collects everything stored for a respondent across collections, decrypted, and writes an
   * audit entry with the counts.
   */
  async exportData(respondent: string): Promise<RespondentExport> {
    const at = new Date(this.clock());
    const collections = await collectRespondentDocuments(respondent, this.deps.keyRing);
    const counts = Object.fromEntries(
      Object.entries(collections).map(([name, documents]) => [name, documents.length]),
    );
    await writeAudit({ action: 'data-exported', at, detail: { counts } });
    return {
      respondent,
      exportedAt: at.toISOString(),
      erasureRecorded: await this.isErased(respondent),
      collections,
    };
  }

  /**
   * Records the erasure in the ledger, then deletes the respondent's documents from every
   * collection except the anonymous ones, and writes an audit entry with counts only. The ledger
   * entry comes first, so an erasure cut short is completed by {@link reapplyErasures}.
   */
  async erase(respondent: string, source: ErasureSource): Promise<ErasureCounts> {
    const at = new Date(this.clock());
    await recordErasure(erasureLedgerKey(this.deps.pseudonymKey, respondent), source, at);

    const counts = await deleteRespondentDocuments(respondent);
    await writeAudit({ action: 'erasure', at, detail: { source, counts } });
    this.deps.log.info({ source, counts }, 'respondent erased');
    return counts;
  }

  /** Counts the respondent's documents per collection, as a preview of an erasure. */
  async countStored(respondent: string): Promise<ErasureCounts> {
    return countRespondentDocuments(respondent);
  }

  /** Returns whether the erasure ledger records an erasure of this respondent. */
  async isErased(respondent: string): Promise<boolean> {
    const key = erasureLedgerKey(this.deps.pseudonymKey, respondent);
    return (await findRecordedErasures([key])).has(key);
  }

  /** Writes the in-chat reply to an access request, in the respondent's locale. */
  async summarize(respondent: string, locale: Locale): Promise<string> {
    return summarizeHoldings(respondent, locale, this.surveyMap());
  }

  /**
   * Erases again every respondent found in the data whose erasure the ledger records, as after a
   * restore from a backup older than the erasure. Run on start. Returns how many respondents
   * were erased again.
   */
  async reapplyErasures(): Promise<number> {
    const respondents = await this.findErasedRespondents();
    if (respondents.size === 0) return 0;

    const counts: ErasureCounts = {};
    for (const respondent of respondents) {
      for (const [name, count] of Object.entries(await deleteRespondentDocuments(respondent))) {
        counts[name] = (counts[name] ?? 0) + count;
      }
    }
    const detail = { respondents: respondents.size, counts };
    await writeAudit({ action: 'erasure-reapplied', at: new Date(this.clock()), detail });
    this.deps.log.warn(detail, 'erased restored data again from the erasure ledger');
    return respondents.size;
  }

  /** Sets the CES score of an answer and moves its count in the anonymous rollup. */
  async rectifyScore(answerId: string, score: number): Promise<RectifiedScore> {
    const now = new Date(this.clock());
    return rectifyAnswerScore({ answerId, score, surveys: this.surveyMap(), now });
  }

  /** Computes the ledger key of every pseudonym in the data and looks the keys up in batches. */
  private async findErasedRespondents(): Promise<Set<string>> {
    const erased = new Set<string>();
    for (const name of await listRespondentCollections()) {
      for await (const batch of respondentBatches(name)) {
        const byKey = new Map(
          batch.map((respondent) => [
            erasureLedgerKey(this.deps.pseudonymKey, respondent),
            respondent,
          ]),
        );
        for (const key of await findRecordedErasures([...byKey.keys()])) {
          erased.add(byKey.get(key)!);
        }
      }
    }
    return erased;
  }

  private surveyMap() {
    return surveysById(this.deps.surveys ?? []);
  }
}

/** Yields the distinct respondent pseudonyms of a collection in batches. */
async function* respondentBatches(collection: string): AsyncGenerator<string[]> {
  const groups = connectedDb()
    .collection(collection)
    .aggregate<{ _id: unknown }>([{ $group: { _id: '$respondent' } }]);
  let batch: string[] = [];
  for await (const { _id } of groups) {
    if (typeof _id === 'string') batch.push(_id);
    if (batch.length === LEDGER_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
