import type { Server } from 'restify';

import { isDatabaseHealthy } from '../../storage/connect';

/** `GET /healthz`: 200 once the database answers, 503 otherwise, for load balancers. */
export function registerHealthRoutes(server: Server): void {
  server.get('/healthz', async (_req, res) => {
    const healthy = await isDatabaseHealthy();
    res.send(healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable' });
  });
}
