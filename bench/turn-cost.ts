/**
 * Measures what one conversation turn costs, as ratios measured in the same run on the same
 * database, so that the results do not depend on the machine:
 *
 * - turn / baseline: a full turn through the turn service (delivery claim, one read, the engine,
 *   the conversation write, effect writes) against the least I/O any turn needs (one indexed read
 *   and one versioned update). Target: at most 3.
 * - engine / baseline: the pure engine step against that same I/O. Target: at most 0.05, so the
 *   engine never matters next to the database.
 * - heap growth per completed conversation after a forced GC. Target: under 2 KiB, because
 *   processes keep no conversation in memory.
 *
 * Run with `npm run bench`; MONGODB_URI selects the server, else the embedded one is started.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import mongoose from 'mongoose';

import { TurnService } from '../src/conversations/turn-service';
import { startConversation, step } from '../src/engine/engine';
import { createLogger } from '../src/log';
import { KeyRing } from '../src/privacy/key-ring';
import { RightsService } from '../src/privacy/rights';
import { openDatabase } from '../src/storage/open-database';
import { loadSurveys } from '../src/surveys/registry';

/** Conversations stored before measuring, so both sides see collections of the same size. */
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 300);
/** Conversations measured; few next to CONVERSATIONS, so collection growth barely moves the ratio. */
const MEASURED = Number(process.env.BENCH_MEASURED ?? 60);
const SCRIPT = ['hallo', 'ja', '6', 'De monteur was snel'];

async function main(): Promise<void> {
  const log = createLogger({ level: 'warn', destination: process.stderr });
  const dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-bench-'));
  const database = await openDatabase({
    env: { MONGODB_URI: process.env.MONGODB_URI, DATA_DIR: dataDir },
    log,
  });
  try {
    await mongoose.connection.dropDatabase();
    const results = await measure(log);
    report(results, database.kind);
  } finally {
    await mongoose.connection.dropDatabase();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(log: ReturnType<typeof createLogger>) {
  const surveys = await loadSurveys({ log });
  const keyRing = new KeyRing([{ id: 'bench', key: randomBytes(32) }]);
  const pseudonymKey = randomBytes(32);
  const rights = new RightsService({ keyRing, pseudonymKey, log, surveys });
  const turns = new TurnService({ surveys, keyRing, pseudonymKey, rights, log });

  // Both sides are measured on collections of the same size, because some servers (FerretDB 1.24
  // with SQLite) scan whole collections where MongoDB uses an index.
  await runConversations(turns, CONVERSATIONS, 'prefill');
  const baselineMs = await timeBaseline(MEASURED * SCRIPT.length);
  const engineMs = timeEngine(surveys.get('service-visit'), MEASURED);
  forceGc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  await runConversations(turns, MEASURED, 'measured');
  const turnMs = (performance.now() - started) / (MEASURED * SCRIPT.length);
  forceGc();
  const heapGrowth = (process.memoryUsage().heapUsed - heapBefore) / MEASURED;
  return { baselineMs, engineMs, turnMs, heapGrowth };
}

/**
 * The least I/O any turn needs: one read of a conversation by its unique key and one update
 * guarded by its version, on the real conversations collection.
 */
async function timeBaseline(iterations: number): Promise<number> {
  const conversations = mongoose.connection.collection('conversations');
  const keys = (await conversations.find({}, { projection: { openKey: 1 } }).toArray()).map((doc) =>
    String(doc.openKey),
  );
  const started = performance.now();
  for (let index = 0; index < iterations; index++) {
    const openKey = keys[index % keys.length];
    const found = await conversations.findOne({ openKey });
    await conversations.updateOne(
      { _id: found?._id, version: found?.version },
      { $inc: { version: 0 } },
    );
  }
  return (performance.now() - started) / iterations;
}

/** The pure engine over the same script, with no I/O. */
function timeEngine(survey: Parameters<typeof step>[0], conversations: number): number {
  const started = performance.now();
  for (let index = 0; index < conversations; index++) {
    let state = startConversation(survey, { channel: 'sms', now: 0 }).state;
    for (const text of SCRIPT.slice(1))
      state = step(survey, state, { kind: 'text', text }, 1).state;
  }
  return (performance.now() - started) / (conversations * (SCRIPT.length - 1));
}

async function runConversations(turns: TurnService, count: number, label: string): Promise<void> {
  for (let index = 0; index < count; index++) {
    const address = { kind: 'phone' as const, value: `+3161${String(index).padStart(7, '0')}` };
    for (const text of SCRIPT) {
      await turns.handle({
        channel: 'sms',
        address,
        deliveryId: `${label}-${index}-${text}`,
        event: { kind: 'text', text },
        surveyId: 'service-visit',
      });
    }
    if ((index + 1) % 100 === 0)
      process.stderr.write(`${label}: ${index + 1}/${count} conversations\n`);
  }
}

function forceGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  gc();
  gc();
}

function report(
  results: { baselineMs: number; engineMs: number; turnMs: number; heapGrowth: number },
  databaseKind: string,
): void {
  const rows = [
    ['turn / baseline', results.turnMs / results.baselineMs, 3, 'ratio'],
    ['engine / baseline', results.engineMs / results.baselineMs, 0.05, 'ratio'],
    ['heap growth per conversation', results.heapGrowth / 1024, 2, 'KiB'],
  ] as const;
  process.stdout.write(
    `database: ${databaseKind}, ${MEASURED} conversations of ${SCRIPT.length} turns measured after ${CONVERSATIONS}\n`,
  );
  process.stdout.write(
    `baseline ${results.baselineMs.toFixed(3)} ms, turn ${results.turnMs.toFixed(3)} ms, engine ${results.engineMs.toFixed(4)} ms\n`,
  );
  let failed = false;
  for (const [name, value, target, unit] of rows) {
    const ok = value <= target;
    failed ||= !ok;
    process.stdout.write(
      `${ok ? 'ok  ' : 'FAIL'} ${name}: ${value.toFixed(3)} ${unit} (target <= ${target})\n`,
    );
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
