import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * An idempotency claim for one provider message: `_id` is `channel:providerMessageId`, so the
 * insert of a retried delivery fails on the primary key and the retry is answered without a turn.
 */
const deliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    respondent: { type: String, index: true },
    at: { type: Date, required: true },
  },
  { collection: 'deliveries' },
);

export type DeliveryDoc = InferSchemaType<typeof deliverySchema>;
export const DeliveryModel = model('Delivery', deliverySchema);
