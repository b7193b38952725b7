import { z } from 'zod';

import { ConfigError } from '../errors';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const optionalUrl = optionalString.pipe(
  z.url({ protocol: /^https?$/, error: 'expected an http or https URL' }).optional(),
);

/** An empty value counts as unset, so that a cleared line in `.env` falls back to the default. */
function withDefault<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema,
  );
}

/** Node's timers hold at most 2^31 - 1 ms, about 24.8 days; longer intervals fire at once. */
const MAX_TIMER_MINUTES = Math.floor((2 ** 31 - 1) / 60_000);

/** Every environment variable ces-bot reads. `.env.example` documents each one. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: withDefault(z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: z.string().default('0.0.0.0'),
  /** Base URL the providers call, used to check webhook signatures; never taken from headers. */
  PUBLIC_URL: optionalUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGODB_URI: optionalString,
  DATA_DIR: z.string().default('./data'),
  DIALOGS_DIR: optionalString,
  /** Current key first, as `id:base64key`; older keys after it, comma-separated, for reading. */
  ENCRYPTION_KEY: optionalString,
  PSEUDONYM_KEY: optionalString,
  ADMIN_API_KEY: optionalString,
  SMS_INBOUND_SURVEY: z.string().default('service-visit'),
  WEBCHAT_SURVEY: z.string().default('service-visit'),
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_FROM: optionalString,
  TWILIO_API_URL: optionalUrl,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_INBOUND_SURVEY: z.string().default('it-helpdesk'),
  SLACK_API_URL: optionalUrl,
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .default('MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  BOTFRAMEWORK_SURVEY: z.string().default('support-chat'),
  RETENTION_SWEEP_MINUTES: withDefault(
    z.coerce.number().positive().max(MAX_TIMER_MINUTES).default(60),
  ),
});

export type Env = z.infer<typeof envSchema>;

export { ConfigError };

/** Parses and validates the environment, naming every invalid variable in one error. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;

  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}
