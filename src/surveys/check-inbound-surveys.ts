import type { Env } from '../config/env';
import { ConfigError } from '../errors';
import type { SurveyRegistry } from './registry';
import type { Channel } from './schema';

/** The settings that name the survey an inbound message starts, and the channel each serves. */
const INBOUND_SETTINGS = [
  ['SMS_INBOUND_SURVEY', 'sms'],
  ['WEBCHAT_SURVEY', 'webchat'],
  ['SLACK_INBOUND_SURVEY', 'slack'],
] as const satisfies ReadonlyArray<readonly [keyof Env, Channel]>;

/**
 * Stops the start when a setting names a survey that is not loaded or not offered on its channel,
 * rather than failing every message later. Only channels that are switched on are checked, so a
 * default survey name does not matter for a channel nobody uses.
 */
export function checkInboundSurveys(env: Env, surveys: SurveyRegistry): void {
  const problems: string[] = [];
  for (const [setting, channel] of INBOUND_SETTINGS) {
    if (!isSwitchedOn(env, channel)) continue;

    const id = String(env[setting]);
    if (surveys.has(id) && surveys.get(id).channels.includes(channel)) continue;
    const offered = surveys.list().filter((survey) => survey.channels.includes(channel));
    problems.push(
      `${setting} "${id}" is not a loaded survey offered on ${channel}: set it to one of ` +
        `[${offered.map((survey) => survey.id).join(', ')}], or add ${channel} to its channels`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
}

function isSwitchedOn(env: Env, channel: Channel): boolean {
  if (channel === 'sms') return Boolean(env.TWILIO_AUTH_TOKEN);
  if (channel === 'slack') return Boolean(env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN);
  return true;
}
