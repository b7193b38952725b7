import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * Passes Bolt's and the Web API client's log lines to pino. Their debug lines are dropped,
 * because the Web API client writes request bodies there, which hold message texts and e-mail
 * addresses that pino's field redaction cannot reach inside a string.
 */
export function toBoltLogger(log: Logger): BoltLogger {
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      log[level]({ source: 'bolt' }, parts.map(describe).join(' '));
    };
  return {
    debug: () => {},
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

function describe(part: unknown): string {
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  return typeof part === 'string' ? part : JSON.stringify(part);
}
