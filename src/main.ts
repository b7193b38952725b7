import { loadEnv } from './config/load';
import { CesBotError } from './errors';
import { createLogger } from './log';
import { createShutdown } from './server/shutdown';
import { startServer } from './server/start-server';
import { watchParentProcess } from './server/watch-parent';

/** Bound on stopping after the database was lost, because work in progress can only fail. */
const LOST_DATABASE_DEADLINE_MS = 3_000;

/**
 * Entry point of `npm start`: starts the server, and stops it cleanly on SIGINT or SIGTERM and
 * when the parent process exits. When the embedded database server is lost, it stops and exits
 * with code 1, so that a supervisor restarts it, and the new process starts or reuses a server.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger({ level: env.LOG_LEVEL });
  const shutdown = createShutdown(log);
  // Only under a package manager (npm, yarn and pnpm set npm_lifecycle_event), because npm does
  // not pass SIGTERM on; a bot started with `nohup node ... &` must outlive its shell.
  if (process.env.npm_lifecycle_event) {
    watchParentProcess((parentPid) => {
      log.warn({ parentPid }, 'parent process exited, stopping');
      shutdown.request(0);
    });
  }

  const running = await startServer({
    env,
    log,
    onDatabaseLost: (error) => {
      log.error({ reason: error.message }, 'database lost, exiting so that a supervisor restarts');
      // Requests and sweeps in progress wait up to 10 s for a server that is gone, and fail then.
      shutdown.request(1, { deadlineMs: LOST_DATABASE_DEADLINE_MS });
    },
  });
  shutdown.attach(running);

  const onSignal = (signal: string) => {
    log.info({ signal }, 'shutdown requested');
    shutdown.request(0);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  // Configuration and startup errors carry a message meant for the operator; print it plainly.
  const message =
    error instanceof CesBotError
      ? error.message
      : error instanceof Error
        ? error.stack
        : String(error);
  process.stderr.write(`ces-bot failed to start: ${message}\n`);
  process.exit(1);
});
