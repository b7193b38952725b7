import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * Erasure ledger keyed by pseudonym. It survives the erasure so that data restored from an older
 * backup can be erased again on start; the pseudonym alone identifies nobody without the key.
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
