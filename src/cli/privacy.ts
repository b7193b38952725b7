import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import type { Env } from '../config/env';
import { loadEnv } from '../config/load';
import { CesBotError, ValidationError } from '../errors';
import { createLogger, type Logger } from '../log';
import { loadKeys } from '../privacy/keys';
import { buildProcessingRecords } from '../privacy/processing-record';
import {
  renderProcessingRecordsJson,
  renderProcessingRecordsMarkdown,
} from '../privacy/render-processing-record';
import {
  parseRespondentTarget,
  resolveRespondent,
  type RespondentTarget,
} from '../privacy/respondent-target';
import { sweepRetention } from '../privacy/retention';
import { RightsService } from '../privacy/rights';
import { rotateKeys } from '../privacy/rotate-keys';
import { openDatabase } from '../storage/open-database';
import { loadSurveys } from '../surveys/registry';

const USAGE = `usage: npm run privacy -- <command> [options]

commands:
  export <respondent>          print everything stored about the respondent as JSON
  erase <respondent> [--yes]   erase the respondent; without --yes, only count what would go
  record [--out DIR]           write processing-record.md and .json to DIR (default: .)
  rotate-keys                  re-seal values sealed with an older ENCRYPTION_KEY key
  sweep                        apply the surveys' retention terms once

<respondent> is one of:
  --phone <number>             E.164 (+31612345678) or Dutch national (0612345678)
  --slack <user id> [--team <team id>]
                               Slack user id; add the team id if the Slack adapter stores one
  --pseudonym <hex>            the 64-character pseudonym itself`;

const OPTIONS = {
  phone: { type: 'string' },
  slack: { type: 'string' },
  team: { type: 'string' },
  pseudonym: { type: 'string' },
  yes: { type: 'boolean' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/** A wrong command line: printed with the usage, exit code 2. */
class UsageError extends Error {}

interface Context {
  env: Env;
  log: Logger;
  values: Values;
}

type OptionName = keyof typeof OPTIONS;

interface Command {
  run: (context: Context) => Promise<number>;
  /** Options the command reads besides --help; any other option is a usage error. */
  options: readonly OptionName[];
}

const RESPONDENT_OPTIONS: readonly OptionName[] = ['phone', 'slack', 'team', 'pseudonym'];

const COMMANDS: Record<string, Command> = {
  export: { run: exportCommand, options: RESPONDENT_OPTIONS },
  erase: { run: eraseCommand, options: [...RESPONDENT_OPTIONS, 'yes'] },
  record: { run: recordCommand, options: ['out'] },
  'rotate-keys': { run: rotateKeysCommand, options: [] },
  sweep: { run: sweepCommand, options: [] },
};

/** `npm run privacy -- <command>`: the operator's tools for respondents' rights and retention. */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) return printUsage(0);

  const [name, ...extra] = positionals;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) throw new UsageError(name ? `unknown command "${name}"` : 'missing command');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const stray = Object.keys(values).find(
    (option) => option !== 'help' && !command.options.includes(option as OptionName),
  );
  if (stray) throw new UsageError(`option --${stray} does not apply to ${name}`);

  const env = loadEnv();
  // Logs go to stderr at warn, so that JSON on stdout stays machine-readable.
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
  return command.run({ env, log, values });
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs raises TypeError with a message that names the unknown or malformed option.
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
}

async function exportCommand(context: Context): Promise<number> {
  return withRights(context, async (rights, respondent) => {
    const data = await rights.exportData(respondent);
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  });
}

async function eraseCommand(context: Context): Promise<number> {
  return withRights(context, async (rights, respondent) => {
    if (!context.values.yes) {
      const counts = await rights.countStored(respondent);
      const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
      process.stdout.write(`${JSON.stringify({ wouldErase: counts }, null, 2)}\n`);
      process.stderr.write(`nothing erased: ${total} documents found; add --yes to erase them\n`);
      return 1;
    }
    const counts = await rights.erase(respondent, 'cli');
    process.stdout.write(`${JSON.stringify({ erased: counts }, null, 2)}\n`);
    return 0;
  });
}

async function recordCommand({ env, log, values }: Context): Promise<number> {
  const surveys = await loadSurveys({ ...(env.DIALOGS_DIR && { dir: env.DIALOGS_DIR }), log });
  const records = buildProcessingRecords(surveys.list());
  const dir = resolve(values.out ?? '.');
  mkdirSync(dir, { recursive: true });

  writeFileSync(join(dir, 'processing-record.md'), renderProcessingRecordsMarkdown(records));
  writeFileSync(join(dir, 'processing-record.json'), renderProcessingRecordsJson(records));
  process.stderr.write(`wrote processing-record.md and processing-record.json to ${dir}\n`);
  return 0;
}

async function rotateKeysCommand({ env, log }: Context): Promise<number> {
  const { keyRing } = loadKeys({ env, dataDir: env.DATA_DIR, log });
  return withDatabase({ env, log }, async () => {
    const report = await rotateKeys({
      keyRing,
      log,
      onProgress: (p) => {
        process.stderr.write(
          `${p.collection}.${p.field}: ${p.scanned} read, ${p.rotated} re-sealed\n`,
        );
      },
    });
    process.stdout.write(
      `${JSON.stringify({ currentKeyId: keyRing.currentKeyId, report }, null, 2)}\n`,
    );
    return report.some((field) => field.unreadable > 0) ? 1 : 0;
  });
}

async function sweepCommand({ env, log }: Context): Promise<number> {
  const surveys = await loadSurveys({ ...(env.DIALOGS_DIR && { dir: env.DIALOGS_DIR }), log });
  return withDatabase({ env, log }, async () => {
    const owner = `cli:${hostname()}:${process.pid}`;
    const report = await sweepRetention({ surveys, now: new Date(), log, owner });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!report.claimed) process.stderr.write('nothing swept: another process holds the lease\n');
    return report.claimed ? 0 : 1;
  });
}

/** Resolves the respondent from the options, opens keys and database, and runs `action`. */
async function withRights(
  { env, log, values }: Context,
  action: (rights: RightsService, respondent: string) => Promise<number>,
): Promise<number> {
  const target = targetOf(values);
  const { keyRing, pseudonymKey } = loadKeys({ env, dataDir: env.DATA_DIR, log });
  const respondent = resolveRespondent(pseudonymKey, target);
  const surveys = await loadSurveys({ ...(env.DIALOGS_DIR && { dir: env.DIALOGS_DIR }), log });
  return withDatabase({ env, log }, () => {
    return action(new RightsService({ keyRing, pseudonymKey, log, surveys }), respondent);
  });
}

async function withDatabase(
  { env, log }: Pick<Context, 'env' | 'log'>,
  action: () => Promise<number>,
): Promise<number> {
  // A command cannot finish without its database, so it fails now rather than at a timeout.
  const database = await openDatabase({
    env,
    log,
    onLost: (error) => {
      process.stderr.write(`privacy: ${error.message}\n`);
      process.exit(1);
    },
  });
  try {
    return await action();
  } finally {
    await database.close();
  }
}

/** Maps the respondent options to the target that the admin API also accepts, and checks it. */
function targetOf(values: Values): RespondentTarget {
  const given = (['phone', 'slack', 'pseudonym'] as const).filter(
    (name) => values[name] !== undefined,
  );
  if (given.length !== 1) {
    throw new UsageError('name the respondent with exactly one of --phone, --slack or --pseudonym');
  }
  if (values.team !== undefined && values.slack === undefined) {
    throw new UsageError('invalid option --team: it is only valid together with --slack');
  }

  const team = values.team === undefined ? {} : { slackTeam: values.team };
  const target =
    values.phone !== undefined
      ? { phone: values.phone }
      : values.pseudonym !== undefined
        ? { pseudonym: values.pseudonym }
        : { slackUser: values.slack, ...team };
  try {
    return parseRespondentTarget(target);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new UsageError(`invalid respondent: ${error.details.map(toOptionNames).join('; ')}`);
  }
}

/** Names a target field as the option that sets it, in a validation problem. */
function toOptionNames(problem: string): string {
  return problem
    .replace(/^slackUser:/, '--slack:')
    .replace(/^slackTeam:/, '--team:')
    .replace(/^(phone|pseudonym):/, '--$1:');
}

function printUsage(code: number, problem?: string): number {
  const stream = code === 0 ? process.stdout : process.stderr;
  stream.write(`${problem ? `${problem}\n\n` : ''}${USAGE}\n`);
  return code;
}

/** ces-bot errors carry a message meant for the operator; anything else gets its stack. */
function describeFailure(error: unknown): string {
  if (error instanceof CesBotError) return error.message;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) process.exit(printUsage(2, error.message));
    process.stderr.write(`privacy: ${describeFailure(error)}\n`);
    process.exit(error instanceof ValidationError ? 2 : 1);
  },
);
