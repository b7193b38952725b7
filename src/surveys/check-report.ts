import type { DialogFile } from './dialog-files';
import type { Survey } from './schema';
import { measureSmsTexts, usesSegmentedChannel, type SmsStepText } from './sms-texts';
import type { ValidatedSurvey } from './validate-survey';

/** Totals of a check run. A run with errors must fail. */
export interface CheckTotals {
  surveys: number;
  warnings: number;
  errors: number;
}

export interface CheckReport {
  text: string;
  totals: CheckTotals;
}

/**
 * Writes the report of `npm run surveys:check`. Each survey gets a table of its steps with their
 * languages and, per locale, the SMS encoding and segment count of the step text. Warnings and
 * errors follow each survey or file, and duplicate survey ids come last.
 */
export function formatCheckReport(
  files: readonly DialogFile[],
  duplicates: readonly string[],
): CheckReport {
  const sections = files.map(formatFile);
  if (duplicates.length > 0) sections.push(formatList('errors', duplicates));

  const totals = countTotals(files, duplicates);
  sections.push(
    `${plural(totals.surveys, 'survey')} valid, ${plural(totals.warnings, 'warning')}, ` +
      `${plural(totals.errors, 'error')}`,
  );
  return { text: `${sections.join('\n\n')}\n`, totals };
}

function formatFile(file: DialogFile): string {
  const surveys = file.surveys.map((validated) => formatSurvey(validated, file.source));
  if (file.problems.length === 0) return surveys.join('\n\n');

  // The heading names the file, so the problems are listed without it.
  const problems = file.problems.map((problem) => withoutSource(problem, file.source));
  return [...surveys, `${file.source}\n${formatList('errors', problems)}`].join('\n\n');
}

function withoutSource(problem: string, source: string): string {
  return problem.startsWith(`${source}: `) ? problem.slice(source.length + 2) : problem;
}

function formatSurvey({ survey, warnings }: ValidatedSurvey, source: string): string {
  const header = [
    `${survey.id} (${source}): ${survey.title}`,
    `  locales ${survey.locales.join(', ')}, default ${survey.defaultLocale}; ` +
      `channels ${survey.channels.join(', ')}`,
    `  ${describeSmsLimit(survey)}`,
  ];
  const table = formatTable(stepRows(survey)).map((line) => `  ${line}`);
  const shortWarnings = warnings.map((warning) => withoutSource(warning, source));
  return [...header, ...table, formatList('warnings', shortWarnings)].join('\n');
}

function describeSmsLimit(survey: Survey): string {
  if (!usesSegmentedChannel(survey)) return 'not sent by SMS or WhatsApp: SMS counts for reference';

  const { maxSegments, strict } = survey.sms;
  const excess = strict ? 'more is an error' : 'more is a warning';
  return `SMS limit ${plural(maxSegments, 'segment')} per message; ${excess}`;
}

function stepRows(survey: Survey): string[][] {
  const measured = measureSmsTexts(survey);
  const heading = ['step', 'kind', 'languages', ...survey.locales.map((locale) => `SMS ${locale}`)];

  const rows = survey.steps.map((step, stepIndex) => {
    const languages = survey.locales.filter((locale) => step.text[locale] !== undefined);
    const sms = survey.locales.map((locale) =>
      describeSms(measured.find((m) => m.stepIndex === stepIndex && m.locale === locale)),
    );
    return [step.id, step.kind, languages.join(', '), ...sms];
  });
  return [heading, ...rows];
}

/** For example `GSM-7, 1 segment` or `UCS-2, 2 segments ("ë" "’")`. */
function describeSms(measured: SmsStepText | undefined): string {
  if (measured === undefined) return '-';

  const { encoding, segments, nonGsmCharacters } = measured.count;
  const causes = nonGsmCharacters.map((char) => JSON.stringify(char)).join(' ');
  const summary = `${encoding}, ${plural(segments, 'segment')}`;
  return causes === '' ? summary : `${summary} (${causes})`;
}

function formatTable(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

function formatList(title: string, items: readonly string[]): string {
  if (items.length === 0) return `  ${title}: none`;
  const lines = items.map((item) => `    - ${item.replaceAll('\n', '\n      ')}`);
  return [`  ${title}:`, ...lines].join('\n');
}

function countTotals(files: readonly DialogFile[], duplicates: readonly string[]): CheckTotals {
  const surveys = files.flatMap((file) => file.surveys);
  return {
    surveys: surveys.length,
    warnings: surveys.reduce((sum, survey) => sum + survey.warnings.length, 0),
    errors: files.reduce((sum, file) => sum + file.problems.length, duplicates.length),
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
