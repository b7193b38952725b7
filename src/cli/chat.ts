import { loadEnv } from '../config/load';
import { TurnService } from '../conversations/turn-service';
import { CesBotError } from '../errors';
import { createLogger } from '../log';
import { loadKeys } from '../privacy/keys';
import { RightsService } from '../privacy/rights';
import { openDatabase } from '../storage/open-database';
import { loadSurveys } from '../surveys/registry';
import { runConsoleChat } from '../../adapters/console/console-chat';

const USAGE = 'usage: npm run chat -- <survey-id> [--locale nl|en] [--meta key=value ...]';

/** `npm run chat -- <survey-id>`: takes a survey in the terminal, storing answers as usual. */
async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const env = loadEnv();
  // Logs go to stderr at warn, so that the conversation on stdout stays readable.
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
  const surveys = await loadSurveys({ ...(env.DIALOGS_DIR && { dir: env.DIALOGS_DIR }), log });
  if (!args.surveyId) {
    process.stderr.write(
      `${USAGE}\nsurveys: ${surveys
        .list()
        .map((s) => s.id)
        .join(', ')}\n`,
    );
    return 2;
  }

  const { keyRing, pseudonymKey } = loadKeys({ env, dataDir: env.DATA_DIR, log });
  // Without its database the chat cannot go on, so it fails now rather than at the next answer.
  const database = await openDatabase({
    env,
    log,
    onLost: (error) => {
      process.stderr.write(`chat failed: ${error.message}\n`);
      process.exit(1);
    },
  });
  try {
    const rights = new RightsService({ keyRing, pseudonymKey, log, surveys });
    const turns = new TurnService({ surveys, keyRing, pseudonymKey, rights, log });
    const status = await runConsoleChat({
      turns,
      surveyId: surveys.get(args.surveyId).id,
      input: process.stdin,
      output: process.stdout,
      ...(args.locale && { locale: args.locale }),
      metadata: args.metadata,
    });
    process.stderr.write(`conversation ${status ?? 'ended'}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

function parseArgs(argv: string[]) {
  const result: { surveyId?: string; locale?: string; metadata: Record<string, string> } = {
    metadata: {},
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--locale') result.locale = argv[++index];
    else if (arg === '--meta') {
      const [key, ...value] = (argv[++index] ?? '').split('=');
      if (key) result.metadata[key] = value.join('=');
    } else if (!arg.startsWith('--')) result.surveyId = arg;
  }
  return result;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `chat failed: ${error instanceof CesBotError ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
