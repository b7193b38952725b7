import { Schema, model, type InferSchemaType } from 'mongoose';

/** What the system did to personal data and why. Holds no identifiers or answer text. */
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    action: { type: String, required: true },
    surveyId: { type: String },
    /** Counts, field names and ids of records, never their contents. */
    detail: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'audit' },
);
auditSchema.index({ at: 1 });

export type AuditDoc = InferSchemaType<typeof auditSchema>;
export const AuditModel = model('Audit', auditSchema);
