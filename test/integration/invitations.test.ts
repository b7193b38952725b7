import { randomBytes } from 'node:crypto';

import { createTwilioClient } from '../../adapters/twilio/api-client';
import { TwilioSender } from '../../adapters/twilio/sender';
import serviceVisit from '../../dialogs/service-visit';
import { parseInvitation, type InvitationRow } from '../../src/conversations/invitation-request';
import { InvitationService } from '../../src/conversations/invitations';
import { suppressProviderOptOut } from '../../src/conversations/provider-opt-out';
import { SenderRegistry } from '../../src/conversations/senders';
import { TurnService } from '../../src/conversations/turn-service';
import { ValidationError } from '../../src/errors';
import { createLogger } from '../../src/log';
import { KeyRing } from '../../src/privacy/key-ring';
import { RightsService } from '../../src/privacy/rights';
import { ConversationModel, SuppressionModel } from '../../src/storage/models';
import { createSurveyRegistry } from '../../src/surveys/registry';
import { clearCollections, useTestDatabase } from '../support/db';
import { FakeTwilioApi, TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_NUMBER } from '../support/twilio-fake';

useTestDatabase();

const TOKEN = 'integration-twilio-token';
const log = createLogger({ level: 'silent' });
const surveys = createSurveyRegistry([serviceVisit]);
const survey = surveys.get('service-visit');
const keyRing = new KeyRing([{ id: 'k1', key: randomBytes(32) }]);
const pseudonymKey = randomBytes(32);
const turns = new TurnService({
  surveys,
  keyRing,
  pseudonymKey,
  rights: new RightsService({ keyRing, pseudonymKey, log }),
  log,
});

function invitationsThrough(apiUrl: string): InvitationService {
  const client = createTwilioClient({
    accountSid: TEST_TWILIO_ACCOUNT_SID,
    authToken: TOKEN,
    apiUrl,
  });
  const senders = new SenderRegistry();
  senders.register(new TwilioSender({ channel: 'sms', client, from: TEST_TWILIO_NUMBER, log }));
  return new InvitationService({ turns, senders, pseudonymKey, log });
}

function rows(...inputs: unknown[]): InvitationRow[] {
  return inputs.map((input, index) => parseInvitation(index + 1, input));
}

describe('InvitationService', () => {
  let api: FakeTwilioApi;
  let invitations: InvitationService;

  beforeAll(async () => {
    api = await FakeTwilioApi.start({ accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TOKEN });
    invitations = invitationsThrough(api.url);
  });

  beforeEach(async () => {
    await clearCollections();
  });

  afterAll(async () => {
    await api.stop();
  });

  test('results keep the row order', async () => {
    const batch = rows(
      { channel: 'sms', to: '+31650000001' },
      { channel: 'sms', to: 'geen nummer' },
      { channel: 'sms', to: '+31650000003' },
      { channel: 'post', to: '+31650000004' },
      { channel: 'sms', to: '+31650000005' },
      { channel: 'sms', to: '+31650000006' },
    );

    const results = await invitations.invite(survey, batch);

    expect(results.map((result) => result.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.map((result) => result.status)).toEqual([
      'sent',
      'failed',
      'sent',
      'failed',
      'sent',
      'sent',
    ]);
  });

  test('one recipient twice opens one conversation', async () => {
    const batch = rows(
      { channel: 'sms', to: '+31650000011' },
      { channel: 'sms', to: '06 5000 0011' },
    );

    const results = await invitations.invite(survey, batch);

    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual(['already-open', 'sent']);
    expect(await ConversationModel.countDocuments({})).toBe(1);
    expect(api.sentTo('+31650000011')).toHaveLength(1);
  });

  test('unreachable provider frees the recipient', async () => {
    const unreachable = invitationsThrough('http://127.0.0.1:9');
    const batch = rows({ channel: 'sms', to: '+31650000021' });

    const [failed] = await unreachable.invite(survey, batch);
    const [retried] = await invitations.invite(survey, batch);

    expect(failed?.status).toBe('failed');
    expect(failed?.error).toContain('TWILIO_API_URL');
    expect(failed?.conversationId).toBeUndefined();
    expect(retried?.status).toBe('sent');
    expect(await ConversationModel.countDocuments({})).toBe(1);
  });

  test('opted-out recipient is suppressed everywhere', async () => {
    api.failFor('+31650000031', 21610);

    const [result] = await invitations.invite(survey, rows({ channel: 'sms', to: '+31650000031' }));

    expect(result?.status).toBe('suppressed');
    const suppression = await SuppressionModel.findOne({}).lean();
    expect(suppression?.reason).toBe('provider-opt-out');
    expect(suppression?.surveyId).toBe('*');
    expect(await ConversationModel.countDocuments({})).toBe(0);
  });

  test('provider opt-out keeps an earlier stop', async () => {
    await SuppressionModel.create({
      respondent: 'r1',
      surveyId: '*',
      reason: 'stopped',
      at: new Date(),
    });

    await suppressProviderOptOut('r1', 'sms', Date.now());
    await suppressProviderOptOut('r2', 'sms', Date.now());
    await suppressProviderOptOut('r2', 'whatsapp', Date.now());

    const suppressions = await SuppressionModel.find({}).sort({ respondent: 1 }).lean();
    expect(suppressions.map((doc) => [doc.respondent, doc.reason, doc.channel])).toEqual([
      ['r1', 'stopped', undefined],
      ['r2', 'provider-opt-out', 'sms'],
    ]);
  });

  test.each([
    ['a channel the survey lacks', 'slack', 'does not run on slack'],
    ['a template-only channel', 'whatsapp', '24-hour'],
  ])('rejects %s before sending', async (_case, channel, message) => {
    const batch = rows({ channel: 'sms', to: '+31650000051' }, { channel, to: '+31650000052' });

    const inviting = invitations.invite(survey, batch);

    await expect(inviting).rejects.toThrow(ValidationError);
    await expect(inviting).rejects.toThrow(message);
    expect(api.sentTo('+31650000051')).toHaveLength(0);
  });
});

describe('parseInvitation', () => {
  test('names every invalid field', () => {
    const row = parseInvitation(7, { channel: 'pigeon', locale: 5 });

    const error = 'error' in row ? row.error : '';
    expect(row.row).toBe(7);
    expect(error).toContain('channel');
    expect(error).toContain('to');
    expect(error).toContain('locale');
  });

  test('rejects a body that is no object', () => {
    const row = parseInvitation(1, 'sms,+31650000061');

    expect(row).toMatchObject({ row: 1, error: expect.stringContaining('invalid invitation') });
  });
});
