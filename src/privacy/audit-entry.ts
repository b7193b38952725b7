import { AuditModel } from '../storage/models';

export interface AuditEntry {
  action: string;
  at: Date;
  /** Absent for actions that span surveys, such as an erasure. */
  surveyId?: string;
  /** Counts, field names and record ids only, never identifiers or answer text. */
  detail: Record<string, unknown>;
}

/** Appends one entry to the audit trail. */
export async function writeAudit(entry: AuditEntry): Promise<void> {
  await AuditModel.create(entry);
}
