import type { Env } from '../../src/config/env';
import { ConfigError } from '../../src/errors';

type AppType = Env['MicrosoftAppType'];

/** Bot Framework channel mode and credentials, read once from the environment at start. */
export type BotframeworkSettings =
  | {
      mode: 'authenticated';
      appId: string;
      appType: AppType;
      /** Unset for UserAssignedMSI, which gets its tokens from the managed identity. */
      appPassword?: string;
      /** Unset for MultiTenant, whose tokens come from the Bot Framework tenant. */
      tenantId?: string;
    }
  /** No Bot Framework setting outside production: requests are not authenticated (Emulator). */
  | { mode: 'unauthenticated' }
  /** No Bot Framework setting in production: requests are rejected, never served unchecked. */
  | { mode: 'disabled' };

type SettingName = 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppTenantId';

/** Variables each app type requires. */
const REQUIRED_SETTINGS: Record<AppType, SettingName[]> = {
  MultiTenant: ['MicrosoftAppId', 'MicrosoftAppPassword'],
  SingleTenant: ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId'],
  UserAssignedMSI: ['MicrosoftAppId', 'MicrosoftAppTenantId'],
};

/**
 * Reads the Bot Framework settings and checks them against the app type, so that an incomplete
 * configuration stops the start instead of failing at the first message.
 *
 * @throws ConfigError naming every missing or conflicting variable.
 */
export function readBotframeworkSettings(env: Env): BotframeworkSettings {
  if (!isConfigured(env)) {
    return env.NODE_ENV === 'production' ? { mode: 'disabled' } : { mode: 'unauthenticated' };
  }

  const appType = env.MicrosoftAppType;
  const missing = REQUIRED_SETTINGS[appType].filter((name) => !env[name]);
  if (missing.length > 0) throw missingSettingsError(appType, missing);
  if (appType === 'UserAssignedMSI' && env.MicrosoftAppPassword) {
    throw new ConfigError(
      'MicrosoftAppPassword is set, but MicrosoftAppType UserAssignedMSI takes no password: ' +
        'unset MicrosoftAppPassword or change MicrosoftAppType',
    );
  }

  return {
    mode: 'authenticated',
    appId: env.MicrosoftAppId ?? '',
    appType,
    ...(appType !== 'UserAssignedMSI' && { appPassword: env.MicrosoftAppPassword }),
    ...(appType !== 'MultiTenant' && { tenantId: env.MicrosoftAppTenantId }),
  };
}

/**
 * Returns true when any Microsoft* variable is set or the app type is not the default, because
 * then authentication was intended. A password without an app id usually means a misspelt
 * MicrosoftAppId, and serving without authentication would hide that mistake.
 */
function isConfigured(env: Env): boolean {
  const settings: SettingName[] = [
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'MicrosoftAppTenantId',
  ];
  return env.MicrosoftAppType !== 'MultiTenant' || settings.some((name) => Boolean(env[name]));
}

function missingSettingsError(appType: AppType, missing: SettingName[]): ConfigError {
  const names = missing.join(' and ');
  const verb = missing.length > 1 ? 'are' : 'is';
  const pronoun = missing.length > 1 ? 'them' : 'it';
  const withoutAuthentication = missing.includes('MicrosoftAppId')
    ? ', or unset every Microsoft* variable to run without authentication for the Emulator'
    : '';
  return new ConfigError(
    `${names} ${verb} not set, but MicrosoftAppType ${appType} requires ${pronoun}: ` +
      `copy the values from the Azure Bot resource's Configuration page${withoutAuthentication}`,
  );
}
