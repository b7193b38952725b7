import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { Logger } from '../log';
import type { SurveySource } from './survey-source';
import { sweepRetention } from './sweep-retention';

export {
  RETENTION_LEASE,
  sweepRetention,
  type RetentionAction,
  type RetentionReport,
  type SweepRetentionOptions,
} from './sweep-retention';

export interface RetentionSweeperOptions {
  surveys: SurveySource;
  /** Time between the end of one sweep and the start of the next, in minutes. */
  intervalMinutes: number;
  log: Logger;
  /** Identifies this process in the lease; defaults to host name, process id and a random id. */
  owner?: string;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock?: () => number;
}

export interface RetentionSweeper {
  /** Stops further sweeps and resolves once a sweep in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Sweeps once right away, because terms may have passed while the server was down, and then
 * every `intervalMinutes`. The timer is unref'd, so it never keeps the process alive. A failed
 * sweep is logged and the next one runs as planned.
 */
export function startRetentionSweeper(options: RetentionSweeperOptions): RetentionSweeper {
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const sweeperLog = options.log.child({ task: 'retention' });
  // sweepRetention binds the owner to its own lines; the sweeper's lines carry it here.
  const log = sweeperLog.child({ owner });
  const clock = options.clock ?? Date.now;
  const intervalMs = options.intervalMinutes * 60 * 1000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const sweep = async () => {
    try {
      const now = new Date(clock());
      await sweepRetention({ surveys: options.surveys, now, log: sweeperLog, owner });
    } catch (error) {
      log.error({ err: error }, 'retention sweep failed; retrying at the next interval');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sweep().then(schedule);
    }, intervalMs);
    timer.unref();
  };

  log.info({ intervalMinutes: options.intervalMinutes }, 'retention sweeper started');
  running = sweep().then(schedule);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      log.info('retention sweeper stopped');
    },
  };
}
