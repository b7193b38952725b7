import { parseEnv } from '../../../src/config/env';
import { ConfigError } from '../../../src/errors';
import { checkInboundSurveys } from '../../../src/surveys/check-inbound-surveys';
import { loadSurveys, type SurveyRegistry } from '../../../src/surveys/registry';

describe('checkInboundSurveys', () => {
  let surveys: SurveyRegistry;

  beforeAll(async () => {
    surveys = await loadSurveys();
  });

  test('defaults pass with every channel on', () => {
    const env = parseEnv({
      TWILIO_AUTH_TOKEN: 't',
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'b',
    });

    expect(() => checkInboundSurveys(env, surveys)).not.toThrow();
  });

  test('unknown web chat survey stops the start', () => {
    const env = parseEnv({ WEBCHAT_SURVEY: 'nope' });

    expect(() => checkInboundSurveys(env, surveys)).toThrow(ConfigError);
    expect(() => checkInboundSurveys(env, surveys)).toThrow(/WEBCHAT_SURVEY "nope"/);
  });

  test('survey not offered on the channel is named', () => {
    const env = parseEnv({ TWILIO_AUTH_TOKEN: 't', SMS_INBOUND_SURVEY: 'it-helpdesk' });

    expect(() => checkInboundSurveys(env, surveys)).toThrow(/SMS_INBOUND_SURVEY "it-helpdesk"/);
  });

  test('switched-off channel is not checked', () => {
    const env = parseEnv({ SMS_INBOUND_SURVEY: 'nope', SLACK_INBOUND_SURVEY: 'nope' });

    expect(() => checkInboundSurveys(env, surveys)).not.toThrow();
  });
});
