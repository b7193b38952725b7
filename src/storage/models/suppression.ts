import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * A respondent who must not be surveyed again: `surveyId` is the survey they declined, or `*` for
 * a stop that covers every survey. Holds the pseudonym only, so it is all that remains of them.
 */
const suppressionSchema = new Schema(
  {
    respondent: { type: String, required: true },
    surveyId: { type: String, required: true },
    reason: { type: String, required: true, enum: ['declined', 'stopped', 'provider-opt-out'] },
    at: { type: Date, required: true },
    channel: { type: String },
    /**
     * For a declined consent: the notice version and SHA-256 of the text shown. A decline is
     * recorded here rather than in consents, so that the suppression is all that remains.
     */
    noticeVersion: { type: String },
    textHash: { type: String },
  },
  { collection: 'suppressions' },
);
suppressionSchema.index({ respondent: 1, surveyId: 1 }, { unique: true });

export type SuppressionDoc = InferSchemaType<typeof suppressionSchema>;
export const SuppressionModel = model('Suppression', suppressionSchema);
