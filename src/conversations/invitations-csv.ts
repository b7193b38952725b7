import type { Logger } from 'pino';

import { ValidationError } from '../errors';
import type { Survey } from '../surveys/schema';
import { parseInvitation, type InvitationRow } from './invitation-request';
import { detectDelimiter, readCsvRecords, type CsvRecord } from './read-csv';

/** Columns with a meaning of their own; every other column is a metadata field. */
const FIXED_COLUMNS = new Set(['channel', 'to', 'locale']);

/** The name pattern of declared metadata fields; other header names are counted, not logged. */
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,40}$/;

/**
 * Parses invitations from CSV with a header row `channel,to,locale,<metadata columns>`. Columns
 * that the survey does not declare as metadata are dropped here, where the data enters, and only
 * their names are logged, at debug. A malformed or invalid row gets its own error.
 *
 * The delimiter is `,`, or `;` as spreadsheets in Dutch locales export it (see
 * {@link detectDelimiter}). A UTF-8 byte order mark is ignored.
 *
 * @throws ValidationError when the header lacks `channel` or `to`, or names a column twice.
 */
export function parseInvitationCsv(text: string, survey: Survey, log: Logger): InvitationRow[] {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(body);
  const [header, ...records] = readCsvRecords(body, delimiter);
  if (!header || 'error' in header) throw new ValidationError('invalid CSV: missing header row');

  const columns = header.fields.map((name) => name.trim());
  checkHeader(columns);
  logDroppedColumns(columns, survey, log);
  return records.map((record, index) => toRow(index + 1, record, columns, survey));
}

function checkHeader(columns: readonly string[]): void {
  for (const required of ['channel', 'to']) {
    if (!columns.includes(required)) {
      throw new ValidationError(
        `invalid CSV header: missing column "${required}", expected channel,to,locale,<metadata>`,
      );
    }
  }
  const repeated = columns.find((name, index) => columns.indexOf(name) !== index);
  if (repeated !== undefined) {
    throw new ValidationError(`invalid CSV header: column "${repeated}" appears twice`);
  }
}

function isDeclared(survey: Survey, column: string): boolean {
  return Object.hasOwn(survey.privacy.metadata, column);
}

function logDroppedColumns(columns: readonly string[], survey: Survey, log: Logger): void {
  const dropped = columns.filter((name) => !FIXED_COLUMNS.has(name) && !isDeclared(survey, name));
  if (dropped.length === 0) return;

  // A header cell that does not look like a field name may be a value pasted into the header.
  const fields = dropped.filter((name) => FIELD_NAME.test(name));
  const unnamed = dropped.length - fields.length;
  log.debug({ surveyId: survey.id, fields, unnamed }, 'undeclared csv columns dropped');
}

function toRow(
  row: number,
  record: CsvRecord,
  columns: readonly string[],
  survey: Survey,
): InvitationRow {
  if ('error' in record) return { row, error: record.error };
  if (record.fields.length !== columns.length) {
    return { row, error: `expected ${columns.length} fields, got ${record.fields.length}` };
  }

  const metadata: Record<string, string> = {};
  const fixed: Record<string, string> = {};
  columns.forEach((column, index) => {
    const value = (record.fields[index] ?? '').trim();
    if (FIXED_COLUMNS.has(column)) fixed[column] = value;
    else if (isDeclared(survey, column) && value !== '') metadata[column] = value;
  });

  return parseInvitation(row, {
    channel: fixed.channel,
    to: fixed.to,
    ...(fixed.locale && { locale: fixed.locale }),
    metadata,
  });
}
