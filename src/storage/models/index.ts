export { AnswerModel } from './answer';
export { AuditModel } from './audit';
export { ConsentModel } from './consent';
export { ConversationModel } from './conversation';
export { DeliveryModel } from './delivery';
export { ErasureModel } from './erasure';
export { RollupModel } from './rollup';
export { SuppressionModel } from './suppression';
