import { createHmac } from 'node:crypto';

import { ErasureModel } from '../storage/models';

/** MongoDB's error code for a unique index violation. */
const DUPLICATE_KEY = 11000;

export type ErasureSource = 'chat' | 'admin' | 'cli';

/**
 * Derives the erasure ledger's `_id` for a respondent: HMAC-SHA256 (hex) of
 * `erasure-ledger:<pseudonym>` under the pseudonym key.
 *
 * The ledger must outlive the erasure, yet after an erasure a scan of every collection must find
 * neither the address nor its pseudonym. So the ledger stores this derived key, which cannot be
 * turned back into the pseudonym, and re-application computes it for each pseudonym it finds in
 * the data to see whether that respondent was erased before.
 */
export function erasureLedgerKey(pseudonymKey: Buffer, respondent: string): string {
  return createHmac('sha256', pseudonymKey)
    .update(`erasure-ledger:${respondent}`, 'utf8')
    .digest('hex');
}

/** Records an erasure once; a repeated erasure keeps the time and source of the first. */
export async function recordErasure(key: string, source: ErasureSource, at: Date): Promise<void> {
  try {
    await ErasureModel.updateOne(
      { _id: key },
      { $setOnInsert: { at, source } },
      { upsert: true },
    ).exec();
  } catch (error) {
    // Two concurrent upserts of one key: the other one inserted the entry, which is the goal.
    if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
  }
}

/** Returns the subset of `keys` that the ledger contains. */
export async function findRecordedErasures(keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();

  const found = await ErasureModel.find({ _id: { $in: keys } }, { _id: 1 })
    .lean()
    .exec();
  return new Set(found.map((entry) => String(entry._id)));
}
