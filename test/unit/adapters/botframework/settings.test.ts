import { readBotframeworkSettings } from '../../../../adapters/botframework/settings';
import { parseEnv } from '../../../../src/config/env';
import { ConfigError } from '../../../../src/errors';

const APP_ID = '00000000-0000-4000-8000-00000000b07f';
const TENANT_ID = '11111111-1111-4111-8111-111111111111';

function settingsFor(variables: Record<string, string>) {
  return readBotframeworkSettings(parseEnv({ NODE_ENV: 'test', ...variables }));
}

describe('readBotframeworkSettings', () => {
  test('no settings outside production is unauthenticated', () => {
    expect(settingsFor({})).toEqual({ mode: 'unauthenticated' });
  });

  test('no settings in production is disabled', () => {
    expect(settingsFor({ NODE_ENV: 'production' })).toEqual({ mode: 'disabled' });
  });

  test('MultiTenant with id and password is authenticated', () => {
    const settings = settingsFor({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' });

    expect(settings).toEqual({
      mode: 'authenticated',
      appId: APP_ID,
      appType: 'MultiTenant',
      appPassword: 'secret',
    });
  });

  test('SingleTenant keeps the tenant id', () => {
    const settings = settingsFor({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT_ID,
    });

    expect(settings).toMatchObject({ mode: 'authenticated', tenantId: TENANT_ID });
  });

  test('UserAssignedMSI needs no password', () => {
    const settings = settingsFor({
      MicrosoftAppId: APP_ID,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: TENANT_ID,
    });

    expect(settings).toMatchObject({ mode: 'authenticated', appType: 'UserAssignedMSI' });
    expect(settings).not.toHaveProperty('appPassword');
  });

  test.each([
    [
      'SingleTenant without tenant id',
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant' },
      /^MicrosoftAppTenantId is not set, but MicrosoftAppType SingleTenant requires it/,
    ],
    [
      'SingleTenant with only the type',
      { MicrosoftAppType: 'SingleTenant' },
      /MicrosoftAppId and MicrosoftAppPassword and MicrosoftAppTenantId are not set/,
    ],
    [
      'MultiTenant without password',
      { MicrosoftAppId: APP_ID },
      /^MicrosoftAppPassword is not set, but MicrosoftAppType MultiTenant/,
    ],
    [
      'password without app id',
      { MicrosoftAppPassword: 'secret' },
      /^MicrosoftAppId is not set.*unset every Microsoft\* variable/,
    ],
    [
      'UserAssignedMSI with a password',
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'secret',
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: TENANT_ID,
      },
      /^MicrosoftAppPassword is set, but MicrosoftAppType UserAssignedMSI takes no password/,
    ],
  ])('%s is a ConfigError', (_case, variables, message) => {
    const read = () => settingsFor(variables);

    expect(read).toThrow(ConfigError);
    expect(read).toThrow(message);
  });

  test('error never contains the password', () => {
    const read = () => settingsFor({ MicrosoftAppPassword: 'do-not-print-me' });

    expect(read).toThrow(ConfigError);
    expect(read).not.toThrow(/do-not-print-me/);
  });
});
