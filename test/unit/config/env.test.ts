import { parseEnv } from '../../../src/config/env';
import { ConfigError } from '../../../src/errors';

describe('parseEnv', () => {
  test('defaults need no variables', () => {
    const env = parseEnv({});

    expect(env.PORT).toBe(3978);
    expect(env.DATA_DIR).toBe('./data');
    expect(env.MONGODB_URI).toBeUndefined();
    expect(env.SMS_INBOUND_SURVEY).toBe('service-visit');
  });

  test('empty strings count as unset', () => {
    const env = parseEnv({ MONGODB_URI: '  ', TWILIO_AUTH_TOKEN: '', PORT: '' });

    expect(env.PORT).toBe(3978);
    expect(env.MONGODB_URI).toBeUndefined();
    expect(env.TWILIO_AUTH_TOKEN).toBeUndefined();
  });

  test.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PUBLIC_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['MicrosoftAppType', 'AnyTenant'],
    ['RETENTION_SWEEP_MINUTES', '-5'],
    ['RETENTION_SWEEP_MINUTES', '50000'],
    ['PUBLIC_URL', 'ftp://ces.example.test'],
  ])('invalid %s is named in the error', (name, value) => {
    const parse = () => parseEnv({ [name]: value });

    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(name);
  });

  test('every invalid variable is listed at once', () => {
    const parse = () => parseEnv({ PORT: 'abc', LOG_LEVEL: 'loud' });

    expect(parse).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
