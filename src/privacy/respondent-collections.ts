import mongoose from 'mongoose';

import { StorageError } from '../errors';

type Db = NonNullable<typeof mongoose.connection.db>;

/**
 * Collections that hold no respondent pseudonym by design, so erasure and access never read or
 * change them: anonymous counters, the audit trail (counts and ids only), the erasure ledger
 * (derived keys only) and sweep leases.
 */
export const ANONYMOUS_COLLECTIONS: ReadonlySet<string> = new Set([
  'rollups',
  'audit',
  'erasures',
  'leases',
  // Delivery statuses per provider message id; they hold no pseudonym.
  'message_statuses',
]);

/** Collections the models define with a `respondent` field; checked even before they exist. */
const KNOWN_COLLECTIONS = ['answers', 'consents', 'conversations', 'deliveries', 'suppressions'];

/** Returns the connected database, or raises when mongoose has not connected yet. */
export function connectedDb(): Db {
  const db = mongoose.connection.db;
  if (!db) throw new StorageError('no database connection: connect mongoose before this call');
  return db;
}

/**
 * Lists every collection that may hold documents with a `respondent` field, sorted by name: the
 * known ones plus any other collection in the database, such as scheduled invitations, because
 * an erasure must not miss a collection added after this code was written.
 */
export async function listRespondentCollections(): Promise<string[]> {
  const infos = await connectedDb().listCollections({}, { nameOnly: true }).toArray();
  const names = new Set(KNOWN_COLLECTIONS);
  for (const { name } of infos) {
    if (!ANONYMOUS_COLLECTIONS.has(name) && !name.startsWith('system.')) names.add(name);
  }
  return [...names].sort();
}

/** Deletes a respondent's documents from every respondent collection; returns counts by name. */
export async function deleteRespondentDocuments(
  respondent: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await listRespondentCollections()) {
    const result = await connectedDb().collection(name).deleteMany({ respondent });
    counts[name] = result.deletedCount;
  }
  return counts;
}

/** Counts a respondent's documents in every respondent collection, by name. */
export async function countRespondentDocuments(
  respondent: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await listRespondentCollections()) {
    counts[name] = await connectedDb().collection(name).countDocuments({ respondent });
  }
  return counts;
}
