import { Schema, model, type InferSchemaType } from 'mongoose';

/** A completed survey response. Identifying and free-text fields are removed by retention. */
const answerSchema = new Schema(
  {
    surveyId: { type: String, required: true },
    channel: { type: String, required: true },
    conversationId: { type: String, required: true, unique: true },
    /** Pseudonym, kept only while the scores' retention term allows it. */
    respondent: { type: String, index: true },
    locale: { type: String, required: true },
    /** The CES score on the survey's own scale, when the survey has a CES step. */
    score: { type: Number },
    band: { type: String, enum: ['low', 'neutral', 'high'] },
    /** Non-text answers (ratings, choices, yes/no) in plain form: they identify nobody. */
    values: { type: Schema.Types.Mixed, default: {} },
    /** Sealed JSON of scrubbed free-text answers and raw replies; removed when its term ends. */
    text: { type: String },
    metadata: { type: Schema.Types.Mixed, default: {} },
    completedAt: { type: Date, required: true },
  },
  { collection: 'answers', minimize: false },
);
answerSchema.index({ surveyId: 1, completedAt: 1 });

export type AnswerDoc = InferSchemaType<typeof answerSchema>;
export const AnswerModel = model('Answer', answerSchema);
