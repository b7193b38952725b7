import type { Logger } from 'pino';
import type { Response } from 'restify';

import { CesBotError } from '../errors';

/**
 * Answers a failed request with `{ code, message }`. Expected failures keep their status and
 * message; anything else is logged as an error and answered with a generic 500.
 */
export function sendError(res: Response, error: unknown, log: Logger): void {
  if (error instanceof CesBotError) {
    if (error.status >= 500) log.error({ err: error }, 'request failed');
    res.send(error.status, { code: error.code, message: error.message });
    return;
  }
  log.error({ err: error }, 'unexpected error while handling a request');
  res.send(500, { code: 'internal_error', message: 'internal error; see the server log' });
}
