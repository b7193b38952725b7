import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * Anonymous counters per survey, day and channel, updated with `$inc` when an answer is stored.
 * Reports read these, so they keep working after retention has removed the raw answers.
 */
const rollupSchema = new Schema(
  {
    /** `surveyId:YYYY-MM-DD:channel` */
    _id: { type: String, required: true },
    surveyId: { type: String, required: true },
    day: { type: String, required: true },
    channel: { type: String, required: true },
    n: { type: Number, required: true, default: 0 },
    sum: { type: Number, required: true, default: 0 },
    /** Count per scale value, keyed by the value as a string. */
    distribution: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'rollups', minimize: false },
);
rollupSchema.index({ surveyId: 1, day: 1 });

export type RollupDoc = InferSchemaType<typeof rollupSchema>;
export const RollupModel = model('Rollup', rollupSchema);
