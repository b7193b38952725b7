import type { Logger } from 'pino';
import restify, { type Request, type Response, type Server } from 'restify';

import { registerBotframeworkRoutes } from '../../adapters/botframework/routes';
import { registerSlackRoutes } from '../../adapters/slack/routes';
import { registerTwilioRoutes } from '../../adapters/twilio/routes';
import { registerWebchatRoutes } from '../../adapters/webchat/routes';
import type { Env } from '../config/env';
import type { SenderRegistry } from '../conversations/senders';
import type { TurnService } from '../conversations/turn-service';
import { CesBotError, ConfigError } from '../errors';
import type { RightsService } from '../privacy/rights';
import { isDatabaseUnavailableError, translateStorageError } from '../storage/connect';
import type { SurveyRegistry } from '../surveys/registry';
import { requireAdmin } from './admin-auth';
import type { Metrics } from './metrics';
import { registerHealthRoutes } from './routes/health';
import { registerInvitationRoutes } from './routes/invitations';
import { registerPrivacyRoutes } from './routes/privacy';
import { registerReportRoutes } from './routes/report';

export interface AppDeps {
  env: Env;
  log: Logger;
  turns: TurnService;
  surveys: SurveyRegistry;
  rights: RightsService;
  pseudonymKey: Buffer;
  adminApiKey: string;
  metrics: Metrics;
  /** Outbound senders of the channels that are switched on, for invitations. */
  senders: SenderRegistry;
}

// restify 11 loads spdy, whose http-deceiver calls process.binding('http_parser') and so prints
// Node's DEP0111 warning at every start; the npm scripts pass --disable-warning=DEP0111.

/** Bodies larger than this are rejected; Twilio and Slack payloads are a few kilobytes. */
const MAX_BODY_BYTES = 256 * 1024;

export interface App {
  server: Server;
  /** Waits for work still running after a request was answered, such as Slack replies. */
  drain(): Promise<void>;
}

/** Builds the restify server with every route; listening is left to the caller. */
export function createApp(deps: AppDeps): App {
  const server = restify.createServer({ name: 'ces-bot' });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES }));
  server.pre(allowWebchatCors);
  observe(server, deps);

  const admin = requireAdmin(deps.adminApiKey);
  registerHealthRoutes(server);
  registerReportRoutes(server, { surveys: deps.surveys, requireAdmin: admin });
  registerPrivacyRoutes(server, {
    rights: deps.rights,
    pseudonymKey: deps.pseudonymKey,
    requireAdmin: admin,
    surveys: deps.surveys,
  });
  registerTwilioRoutes(server, deps);
  registerInvitationRoutes(server, { ...deps, requireAdmin: admin });
  registerWebchatRoutes(server, { ...deps, defaultSurvey: deps.env.WEBCHAT_SURVEY });
  registerBotframeworkRoutes(server, deps);
  const slack = registerSlackRoutes(server, deps);
  server.get('/metrics', admin, async (_req: Request, res: Response) => {
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.sendRaw(200, await deps.metrics.registry.metrics());
  });
  return { server, drain: () => slack.drain() };
}

/**
 * Allows any origin to call the web chat API, because the widget may be embedded on any site and
 * its API carries no cookies or credentials.
 */
function allowWebchatCors(req: Request, res: Response, next: restify.Next) {
  if (!req.getPath().startsWith('/webchat/api/')) return next();
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
  res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
  if (req.method === 'OPTIONS') {
    res.send(204);
    return next(false);
  }
  return next();
}

/** Logs and times each request, and turns thrown errors into `{ code, message }` bodies. */
function observe(server: Server, deps: AppDeps): void {
  server.on('after', (req: Request, res: Response) => {
    const route = req.getRoute()?.path?.toString() ?? 'unmatched';
    const seconds = (Date.now() - req.time()) / 1000;
    deps.metrics.requests.observe({ route, status: String(res.statusCode) }, seconds);
    deps.log.debug({ method: req.method, route, status: res.statusCode }, 'request handled');
  });
  server.on('restifyError', (req: Request, _res: Response, error: any, callback: () => void) => {
    const route = req.getRoute()?.path;
    // An unreachable database is a 503 that the caller may retry, not an internal error. The log
    // line of translateStorageError names the server, so the response need not, and the generic
    // log line below is skipped.
    const unavailable = isDatabaseUnavailableError(error);
    const reported = unavailable
      ? translateStorageError(error, { log: deps.log.child({ route }), operation: 'request' })
      : error;
    const known = reported instanceof CesBotError;
    const status = known ? reported.status : (error.statusCode ?? 500);
    const code = known
      ? reported.code
      : status === 500
        ? 'internal_error'
        : (error.restCode ?? error.code ?? 'error');
    deps.metrics.errors.inc({ code });
    if (status >= 500 && !(error instanceof ConfigError) && !unavailable) {
      deps.log.error({ err: error, route }, 'request failed');
    }
    const message = unavailable
      ? 'the database is unavailable: try again later'
      : status === 500 && !known
        ? 'internal error; see the server log'
        : reported.message;
    error.statusCode = status;
    error.toJSON = () => ({ code, message });
    return callback();
  });
}
