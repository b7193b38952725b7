import { buildProcessingRecord } from '../../../src/privacy/processing-record';
import {
  renderProcessingRecordsJson,
  renderProcessingRecordsMarkdown,
} from '../../../src/privacy/render-processing-record';
import { fixtureSurvey } from './fixtures/survey';

describe('buildProcessingRecord', () => {
  it('matches the fixture survey definition', () => {
    const survey = fixtureSurvey();

    const record = buildProcessingRecord(survey);

    expect(record).toEqual({
      surveyId: 'service-visit',
      title: 'Service visit',
      controller: 'Voorbeeld Energie B.V.',
      purpose: {
        nl: 'De service na een monteursbezoek verbeteren',
        en: 'Improve service after a visit',
      },
      legalBasis: 'legitimate-interests',
      noticeUrl: 'https://example.nl/privacy',
      noticeVersion: '2026-01',
      dataCategories: [
        'respondent pseudonym (HMAC-SHA256 of the channel address)',
        'consent decision, with the notice version and a hash of the text shown',
        'Customer Effort Score',
        'free-text answers, scrubbed of phone numbers, e-mail addresses, IBANs, BSNs and postcodes',
        'yes/no answers',
        'invitation metadata "storeId" (compare effort between branches)',
        'invitation metadata "visitType" (compare effort between kinds of visit)',
      ],
      contactDetails: [
        { channel: 'sms', data: 'mobile phone number' },
        { channel: 'whatsapp', data: 'WhatsApp phone number' },
        { channel: 'webchat', data: 'web chat session id' },
      ],
      retentionDays: { contact: 30, freeText: 90, scores: 730, consent: 365, audit: 1095 },
      processors: ['Twilio (SMS delivery)', 'Twilio (WhatsApp delivery)', 'database host'],
      recipients: ['Customer experience team'],
    });
  });

  it('names Slack and Microsoft for their channels', () => {
    const survey = fixtureSurvey({ channels: ['slack', 'botframework', 'console'] });

    const record = buildProcessingRecord(survey);

    expect(record.processors).toEqual([
      'Slack (workspace messaging)',
      'Microsoft (Azure Bot Service)',
      'database host',
    ]);
  });

  it('names only the database host for web chat', () => {
    const survey = fixtureSurvey({ channels: ['webchat'] });

    const record = buildProcessingRecord(survey);

    expect(record.processors).toEqual(['database host']);
  });
});

describe('renderProcessingRecordsMarkdown', () => {
  it('renders a section per survey', () => {
    const records = [buildProcessingRecord(fixtureSurvey())];

    const markdown = renderProcessingRecordsMarkdown(records);

    expect(markdown).toContain('## Service visit (`service-visit`)');
    expect(markdown).toContain('| Controller | Voorbeeld Energie B.V. |');
    expect(markdown).toContain('| Legal basis | legitimate interests, GDPR article 6(1)(f) |');
    expect(markdown).toContain('| Free-text answers | 90 days |');
    expect(markdown).toContain('- sms: mobile phone number');
    expect(markdown.endsWith('\n')).toBe(true);
  });

  it('escapes pipes in table cells', () => {
    const survey = fixtureSurvey();
    const records = [{ ...buildProcessingRecord(survey), controller: 'A | B' }];

    const markdown = renderProcessingRecordsMarkdown(records);

    expect(markdown).toContain('| Controller | A \\| B |');
  });
});

describe('renderProcessingRecordsJson', () => {
  it('round-trips the records', () => {
    const records = [buildProcessingRecord(fixtureSurvey())];

    const json = renderProcessingRecordsJson(records);

    expect(JSON.parse(json)).toEqual({ records });
  });
});
