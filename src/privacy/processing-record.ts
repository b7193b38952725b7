import type {
  Channel,
  LocalizedText,
  Privacy,
  Retention,
  StepKind,
  Survey,
} from '../surveys/schema';

/** One survey's entry in the record of processing activities (GDPR article 30). */
export interface ProcessingRecord {
  surveyId: string;
  title: string;
  controller: string;
  purpose: LocalizedText;
  legalBasis: Privacy['legalBasis'];
  noticeUrl: string;
  noticeVersion: string;
  /** Kinds of personal data processed, from the survey's steps and declared metadata. */
  dataCategories: string[];
  /** The address each channel needs to reply, stored sealed while the conversation runs. */
  contactDetails: Array<{ channel: Channel; data: string }>;
  /** Retention terms in days per data class. */
  retentionDays: Retention;
  processors: string[];
  recipients: string[];
}

const STEP_CATEGORIES: Record<StepKind, string | undefined> = {
  consent: 'consent decision, with the notice version and a hash of the text shown',
  ces: 'Customer Effort Score',
  rating: 'ratings',
  choice: 'multiple-choice answers',
  yesno: 'yes/no answers',
  text: 'free-text answers, scrubbed of phone numbers, e-mail addresses, IBANs, BSNs and postcodes',
  closing: undefined,
};

const CONTACT_DATA: Record<Channel, string> = {
  sms: 'mobile phone number',
  whatsapp: 'WhatsApp phone number',
  slack: 'Slack workspace and user id',
  webchat: 'web chat session id',
  botframework: 'Bot Framework channel and user id',
  console: 'local user name (testing only)',
};

const CHANNEL_PROCESSORS: Partial<Record<Channel, string>> = {
  sms: 'Twilio (SMS delivery)',
  whatsapp: 'Twilio (WhatsApp delivery)',
  slack: 'Slack (workspace messaging)',
  botframework: 'Microsoft (Azure Bot Service)',
};

/** Always a processor: the host of the MongoDB database, named by the operator. */
const DATABASE_HOST = 'database host';

/** Builds the record of processing for each survey, in the order given. */
export function buildProcessingRecords(surveys: readonly Survey[]): ProcessingRecord[] {
  return surveys.map(buildProcessingRecord);
}

/** Builds one survey's record of processing from its definition. */
export function buildProcessingRecord(survey: Survey): ProcessingRecord {
  const { privacy } = survey;
  return {
    surveyId: survey.id,
    title: survey.title,
    controller: privacy.controller,
    purpose: privacy.purpose,
    legalBasis: privacy.legalBasis,
    noticeUrl: privacy.noticeUrl,
    noticeVersion: privacy.noticeVersion,
    dataCategories: dataCategories(survey),
    contactDetails: survey.channels.map((channel) => ({ channel, data: CONTACT_DATA[channel] })),
    retentionDays: { ...privacy.retentionDays },
    processors: processors(survey.channels),
    recipients: [...privacy.recipients],
  };
}

function dataCategories(survey: Survey): string[] {
  const categories = ['respondent pseudonym (HMAC-SHA256 of the channel address)'];
  for (const step of survey.steps) {
    const category = STEP_CATEGORIES[step.kind];
    if (category && !categories.includes(category)) categories.push(category);
  }
  for (const [field, { reason }] of Object.entries(survey.privacy.metadata)) {
    categories.push(`invitation metadata "${field}" (${reason})`);
  }
  return categories;
}

function processors(channels: readonly Channel[]): string[] {
  const names = channels.flatMap((channel) => CHANNEL_PROCESSORS[channel] ?? []);
  return [...new Set(names), DATABASE_HOST];
}
