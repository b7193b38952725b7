import { loadEnv } from './config/load';
import { CesBotError } from './errors';
import { createLogger } from './log';
import { startServer } from './server/start-server';

/** Entry point of `npm start`: starts the server and stops it cleanly on SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger({ level: env.LOG_LEVEL });
  const running = await startServer({ env, log });

  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutdown requested');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
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
