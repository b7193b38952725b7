/** One CSV record: its fields, or the reason it could not be read. */
export type CsvRecord = { fields: string[] } | { error: string };

/**
 * Returns `;` when the first line has semicolons and no comma, as spreadsheets in Dutch locales
 * export CSV, and `,` otherwise.
 */
export function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/**
 * Splits CSV text into records as RFC 4180 writes them: quoted fields may contain delimiters,
 * line breaks and doubled quotes, and lines end in CRLF or LF. Blank lines are skipped. A quote
 * left open swallows the rest of the text, so the record it opened is the last one, with an error.
 */
export function readCsvRecords(text: string, delimiter: string): CsvRecord[] {
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
