import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * The latest delivery status of one outbound provider message, keyed by the provider's message id
 * (a Twilio MessageSid). `rank` orders the statuses, so that a callback arriving late can never
 * move a message back to an earlier status. Holds no phone number or message text.
 */
const messageStatusSchema = new Schema(
  {
    /** The provider's message id, such as `SM` followed by 32 hex digits. */
    _id: { type: String, required: true },
    channel: { type: String },
    /** The conversation whose message this is; set when ces-bot sent it. */
    conversationId: { type: String },
    status: { type: String, required: true },
    rank: { type: Number, required: true },
    /** The provider's error code for a failed or undelivered message, such as 30003. */
    errorCode: { type: Number },
    /** Set once the message failed or was undelivered, so the invitation can be sent again. */
    deliveryFailed: { type: Boolean },
    at: { type: Date, required: true },
  },
  { collection: 'message_statuses' },
);
messageStatusSchema.index({ conversationId: 1 });

export type MessageStatusDoc = InferSchemaType<typeof messageStatusSchema>;
export const MessageStatusModel = model('MessageStatus', messageStatusSchema);
