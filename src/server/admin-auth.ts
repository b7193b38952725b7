import { createHash, timingSafeEqual } from 'node:crypto';

import type { RequestHandler } from 'restify';

import { UnauthorizedError } from '../errors';

/**
 * Requires `Authorization: Bearer <key>`. Both sides are hashed first so that the comparison runs
 * in constant time whatever the length of the presented key.
 */
export function requireAdmin(adminApiKey: string): RequestHandler {
  const expected = digest(adminApiKey);
  return (req, _res, next) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1].trim()), expected)) {
      return next(
        new UnauthorizedError(
          'missing or invalid admin API key: send Authorization: Bearer <ADMIN_API_KEY>',
        ),
      );
    }
    return next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
