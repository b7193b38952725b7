import type { mongo } from 'mongoose';

import type { Logger } from '../log';
import { SealedValueError, type KeyRing } from './key-ring';
import { connectedDb } from './respondent-collections';

type Document = mongo.Document;
type AnyBulkWriteOperation = mongo.AnyBulkWriteOperation;

/** Every field that the storage layer seals with the key ring, by collection. */
export const SEALED_FIELDS = [
  { collection: 'conversations', field: 'contact' },
  { collection: 'conversations', field: 'answers' },
  { collection: 'answers', field: 'text' },
] as const;

const DEFAULT_BATCH_SIZE = 200;

/** Progress of one sealed field, reported after each batch and in the final report. */
export interface RotationProgress {
  collection: string;
  field: string;
  /** Documents read so far that have the field. */
  scanned: number;
  /** Values re-sealed with the current key so far. */
  rotated: number;
  /** Values that could not be opened: malformed, or sealed with a key missing from the ring. */
  unreadable: number;
}

export interface RotateKeysOptions {
  keyRing: KeyRing;
  log: Logger;
  /** Documents read and written per round trip. */
  batchSize?: number;
  onProgress?: (progress: RotationProgress) => void;
}

/**
 * Re-seals with the current key every sealed value that an older key sealed, in batches ordered
 * by `_id`. Each write is guarded by the old value, so a value that a turn rewrote meanwhile is
 * left alone (the turn sealed it with the current key). Running it again changes nothing.
 */
export async function rotateKeys(options: RotateKeysOptions): Promise<RotationProgress[]> {
  const report: RotationProgress[] = [];
  for (const { collection, field } of SEALED_FIELDS) {
    const progress = { collection, field, scanned: 0, rotated: 0, unreadable: 0 };
    await rotateField(progress, options);
    options.log.info(progress, 'sealed field rotated to the current key');
    report.push(progress);
  }
  return report;
}

async function rotateField(progress: RotationProgress, options: RotateKeysOptions): Promise<void> {
  const documents = connectedDb().collection(progress.collection);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let lastId: unknown;
  for (;;) {
    const filter: Document = { [progress.field]: { $exists: true } };
    if (lastId !== undefined) filter._id = { $gt: lastId };
    const batch = await documents
      .find(filter, { projection: { [progress.field]: 1 } })
      .sort({ _id: 1 })
      .limit(batchSize)
      .toArray();
    if (batch.length === 0) return;

    lastId = batch[batch.length - 1]!._id;
    progress.scanned += batch.length;
    const writes = resealBatch(batch, progress, options);
    if (writes.length > 0) progress.rotated += (await documents.bulkWrite(writes)).modifiedCount;
    options.onProgress?.({ ...progress });
  }
}

function resealBatch(
  batch: readonly Document[],
  progress: RotationProgress,
  options: RotateKeysOptions,
): AnyBulkWriteOperation[] {
  const { keyRing, log } = options;
  const writes: AnyBulkWriteOperation[] = [];
  for (const document of batch) {
    const sealed: unknown = document[progress.field];
    if (typeof sealed !== 'string') continue;

    try {
      if (!keyRing.needsRotation(sealed)) continue;
      const resealed = keyRing.seal(keyRing.open(sealed));
      const filter = { _id: document._id, [progress.field]: sealed };
      writes.push({ updateOne: { filter, update: { $set: { [progress.field]: resealed } } } });
    } catch (error) {
      if (!(error instanceof SealedValueError)) throw error;
      progress.unreadable += 1;
      log.warn(
        { collection: progress.collection, field: progress.field, id: document._id, err: error },
        'sealed value left as is: cannot open it',
      );
    }
  }
  return writes;
}
