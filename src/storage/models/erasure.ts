import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * Erasure ledger. `_id` is HMAC(PSEUDONYM_KEY, 'erasure-ledger:' + pseudonym), not the pseudonym
 * itself, so that after an erasure no collection holds the pseudonym; yet data restored from an
 * older backup can be matched and erased again on start.
 */
const erasureSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    source: { type: String, required: true, enum: ['chat', 'admin', 'cli'] },
  },
  { collection: 'erasures' },
);

export type ErasureDoc = InferSchemaType<typeof erasureSchema>;
export const ErasureModel = model('Erasure', erasureSchema);
