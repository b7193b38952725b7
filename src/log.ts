import pino, { type Logger } from 'pino';

/**
 * Fields that may carry a phone number, address, token or answer text anywhere in a log object.
 * pino replaces their values before the line is written.
 */
export const REDACT_PATHS = [
  'from',
  'to',
  'From',
  'To',
  'Body',
  'body',
  'text',
  'phone',
  'email',
  'address',
  'contact',
  'answer',
  'answers',
  'raw',
  'token',
  'authorization',
  '*.from',
  '*.to',
  '*.From',
  '*.To',
  '*.Body',
  '*.body',
  '*.text',
  '*.phone',
  '*.email',
  '*.address',
  '*.contact',
  '*.answer',
  '*.answers',
  '*.raw',
  '*.token',
  '*.authorization',
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'req.headers.cookie',
];

export interface LoggerOptions {
  level?: string;
  /** Destination of the log lines. Tests pass a stream to inspect what was logged. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const settings: pino.LoggerOptions = {
    name: 'ces-bot',
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

export type { Logger };
