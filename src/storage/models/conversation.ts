import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * One survey conversation with one respondent on one channel. The engine state lives here, so any
 * server process can take the next turn; `version` guards each write against a concurrent turn.
 */
const conversationSchema = new Schema(
  {
    surveyId: { type: String, required: true },
    channel: { type: String, required: true },
    /** HMAC pseudonym of the respondent's address; never the address itself. */
    respondent: { type: String, required: true },
    /**
     * `respondent:channel` while the conversation is open, `closed:<id>` afterwards. A unique index
     * on it allows one open conversation per respondent and channel without a partial index, which
     * FerretDB 1.24 lacks.
     */
    openKey: { type: String, required: true, unique: true },
    /** Sealed (AES-256-GCM) channel address needed to reply, such as a phone number. */
    contact: { type: String },
    locale: { type: String, required: true },
    status: { type: String, required: true },
    stepIndex: { type: Number, required: true },
    retries: { type: Number, required: true },
    /** Sealed JSON of the answers and raw replies so far, because they may hold free text. */
    answers: { type: String, required: true },
    metadata: { type: Schema.Types.Mixed, default: {} },
    pendingConfirmation: { type: String },
    startedAt: { type: Date, required: true },
    lastActivityAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    version: { type: Number, required: true, default: 0 },
  },
  { collection: 'conversations', timestamps: true, minimize: false },
);
conversationSchema.index({ surveyId: 1, status: 1 });
// The turn service's read when nothing is open: a recently closed conversation.
conversationSchema.index({ respondent: 1, channel: 1, expiresAt: 1 });

export type ConversationDoc = InferSchemaType<typeof conversationSchema>;
export const ConversationModel = model('Conversation', conversationSchema);
