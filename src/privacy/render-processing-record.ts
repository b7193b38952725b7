import type { Privacy, Retention } from '../surveys/schema';
import type { ProcessingRecord } from './processing-record';

/** The GDPR article 6(1) point behind each legal basis. */
const LEGAL_BASIS_ARTICLES: Record<Privacy['legalBasis'], string> = {
  consent: 'consent, GDPR article 6(1)(a)',
  contract: 'performance of a contract, GDPR article 6(1)(b)',
  'legitimate-interests': 'legitimate interests, GDPR article 6(1)(f)',
};

const RETENTION_LABELS: Record<keyof Retention, string> = {
  contact: 'Contact details, conversations and the link from answers to the respondent',
  freeText: 'Free-text answers',
  scores: 'Scores and other non-text answers',
  consent: 'Consent records',
  audit: 'Audit entries (counts and record ids only)',
};

/** Renders the records as JSON, ending with a newline. */
export function renderProcessingRecordsJson(records: readonly ProcessingRecord[]): string {
  return `${JSON.stringify({ records }, null, 2)}\n`;
}

/** Renders the records as one Markdown document with a section per survey. */
export function renderProcessingRecordsMarkdown(records: readonly ProcessingRecord[]): string {
  const header = [
    '# Record of processing activities',
    '',
    'Generated from the survey definitions with `npm run privacy -- record`.',
  ];
  const sections = records.map(renderSection);
  return `${[header.join('\n'), ...sections].join('\n\n')}\n`;
}

function renderSection(record: ProcessingRecord): string {
  const purpose = Object.entries(record.purpose).map(([locale, text]) => `${locale}: ${text}`);
  const facts = [
    ['Controller', record.controller],
    ['Purpose', purpose.join('<br>')],
    ['Legal basis', LEGAL_BASIS_ARTICLES[record.legalBasis]],
    ['Privacy notice', `${record.noticeUrl} (version ${record.noticeVersion})`],
    ['Processors', record.processors.join('; ')],
    ['Recipients', record.recipients.length > 0 ? record.recipients.join('; ') : 'none declared'],
  ];
  const retention = (Object.keys(RETENTION_LABELS) as Array<keyof Retention>).map((term) => [
    RETENTION_LABELS[term],
    `${record.retentionDays[term]} days`,
  ]);
  return [
    `## ${record.title} (\`${record.surveyId}\`)`,
    table(['Item', 'Entry'], facts),
    '### Personal data',
    record.dataCategories.map((category) => `- ${category}`).join('\n'),
    '### Contact details per channel',
    record.contactDetails.map(({ channel, data }) => `- ${channel}: ${data}`).join('\n'),
    '### Retention',
    table(['Data', 'Kept for'], retention),
  ].join('\n\n');
}

function table(headings: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const divider = `|${headings.map(() => '---').join('|')}|`;
  return [line(headings), divider, ...rows.map(line)].join('\n');
}

/** Keeps a value inside its table cell: a pipe would start a new cell, a newline a new row. */
function escapeCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
