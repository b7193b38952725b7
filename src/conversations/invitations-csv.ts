import type { Logger } from 'pino';

import { ValidationError } from '../errors';
import type { Survey } from '../surveys/schema';
import { parseInvitation, type InvitationRow } from './invitations';

/** Columns with a meaning of their own; every other column is a metadata field. */
const FIXED_COLUMNS = new Set(['channel', 'to', 'locale']);

/** The name pattern of declared metadata fields; other header names are counted, not logged. */
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,40}$/;

/** One CSV record: its fields, or the reason it could not be read. */
type CsvRecord = { fields: string[] } | { error: string };

/**
 * Parses invitations from CSV with a header row `channel,to,locale,<metadata columns>`. Columns
 * that the survey does not declare as metadata are dropped here, where the data enters, and only
 * their names are logged, at debug. A malformed or invalid row gets its own error.
 *
 * The format is RFC 4180: quoted fields may contain commas, newlines and doubled quotes. A header
 * with semicolons and no comma switches the delimiter to `;`, as spreadsheets in Dutch locales
 * export it. A UTF-8 byte order mark is ignored.
 *
 * @throws ValidationError when the header lacks `channel` or `to`, or names a column twice.
 */
export function parseInvitationCsv(text: string, survey: Survey, log: Logger): InvitationRow[] {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(body);
  const [header, ...records] = readRecords(body, delimiter);
  if (!header || 'error' in header) throw new ValidationError('invalid CSV: missing header row');

  const columns = header.fields.map((name) => name.trim());
  checkHeader(columns);
  logDroppedColumns(columns, survey, log);
  return records.map((record, index) => toRow(index + 1, record, columns, survey));
}

function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

function checkHeader(columns: readonly string[]): void {
  for (const required of ['channel', 'to']) {
    if (!columns.includes(required)) {
      throw new ValidationError(
        `invalid CSV header: missing column "${required}"; expected channel,to,locale,<metadata>`,
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

/**
 * Splits CSV text into records. Blank lines are skipped. A quote left open swallows the rest of
 * the text, so the record it opened is the last one, with an error.
 */
function readRecords(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let position = 0;
  while (position < text.length) {
    const { record, next } = readRecord(text, position, delimiter);
    position = next;
    if ('error' in record) {
      records.push(record);
      continue;
    }
    // Spreadsheets export empty rows as lines of delimiters only.
    const blank = record.fields.every((field) => field.trim() === '');
    if (!blank) records.push(record);
  }
  return records;
}

function readRecord(
  text: string,
  start: number,
  delimiter: string,
): { record: CsvRecord; next: number } {
  const fields: string[] = [];
  let position = start;
  for (;;) {
    const field =
      text[position] === '"' ? readQuoted(text, position) : readPlain(text, position, delimiter);
    if (!field) {
      return { record: { error: 'invalid CSV: a quoted field is not closed' }, next: text.length };
    }

    fields.push(field.value);
    position = field.next;
    if (text[position] === delimiter) {
      position += 1;
    } else if (position < text.length && !isLineBreak(text[position])) {
      const error = 'invalid CSV: text after the closing quote of a field';
      return { record: { error }, next: skipLineBreak(text, endOfLine(text, position)) };
    } else {
      return { record: { fields }, next: skipLineBreak(text, position) };
    }
  }
}

function readPlain(text: string, start: number, delimiter: string) {
  let end = start;
  while (end < text.length && text[end] !== delimiter && !isLineBreak(text[end])) end += 1;
  return { value: text.slice(start, end), next: end };
}

/** Reads a quoted field starting at its opening quote; returns undefined when it is not closed. */
function readQuoted(text: string, start: number) {
  let value = '';
  let position = start + 1;
  while (position < text.length) {
    const quote = text.indexOf('"', position);
    if (quote < 0) return undefined;
    value += text.slice(position, quote);
    if (text[quote + 1] !== '"') return { value, next: quote + 1 };
    value += '"';
    position = quote + 2;
  }
  return undefined;
}

function skipLineBreak(text: string, position: number): number {
  if (text[position] === '\r' && text[position + 1] === '\n') return position + 2;
  if (text[position] === '\r' || text[position] === '\n') return position + 1;
  return position;
}

function endOfLine(text: string, position: number): number {
  let end = position;
  while (end < text.length && !isLineBreak(text[end])) end += 1;
  return end;
}

function isLineBreak(character: string | undefined): boolean {
  return character === '\n' || character === '\r';
}
