import { once } from 'node:events';
import { createInterface } from 'node:readline';

import { createLogger } from '../../src/log';
import { sweepRetention } from '../../src/privacy/retention';
import { connectDatabase, disconnectDatabase } from '../../src/storage/connect';
import { fixtureSurvey } from '../unit/privacy/fixtures/survey';

/**
 * Runs one retention sweep with the privacy fixture survey in a process of its own, for tests
 * of concurrent sweeps: `tsx test/support/retention-sweep.ts <database> <now ISO> <owner>` with
 * CES_TEST_MONGODB_URI set. Once connected it prints `ready` and waits for a line on stdin, so
 * that a test can start several sweeps at the same moment. Then it prints the report as JSON.
 */
async function main([dbName, now, owner]: string[]): Promise<void> {
  const uri = process.env.CES_TEST_MONGODB_URI;
  if (!uri || !dbName || !now || !owner) {
    throw new Error(
      'usage: CES_TEST_MONGODB_URI=<uri> tsx retention-sweep.ts <database> <now> <owner>',
    );
  }

  const log = createLogger({ level: 'silent' });
  await connectDatabase({ uri, log, dbName });
  try {
    process.stdout.write('ready\n');
    await once(createInterface({ input: process.stdin }), 'line');

    const surveys = [fixtureSurvey()];
    const report = await sweepRetention({ surveys, now: new Date(now), log, owner });
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await disconnectDatabase();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `retention sweep failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
