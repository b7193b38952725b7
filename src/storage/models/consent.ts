import { Schema, model, type InferSchemaType } from 'mongoose';

/** Proof of what a respondent was shown and how they answered the consent question. */
const consentSchema = new Schema(
  {
    surveyId: { type: String, required: true },
    respondent: { type: String, required: true, index: true },
    channel: { type: String, required: true },
    noticeVersion: { type: String, required: true },
    /** SHA-256 (hex) of the consent text exactly as shown. */
    textHash: { type: String, required: true },
    granted: { type: Boolean, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'consents' },
);

export type ConsentDoc = InferSchemaType<typeof consentSchema>;
export const ConsentModel = model('Consent', consentSchema);
