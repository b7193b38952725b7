import { existsSync } from 'node:fs';
import path from 'node:path';

import { loadEnv } from '../config/load';
import { formatCheckReport } from '../surveys/check-report';
import { DEFAULT_DIALOGS_DIR, loadDialogFiles } from '../surveys/dialog-files';
import { findDuplicateIds, surveySources } from '../surveys/duplicate-ids';

const USAGE = `usage: npm run surveys:check -- [folder]

Validates every survey in the dialogs folder and prints, per step and locale, the SMS encoding
and segment count. The folder defaults to DIALOGS_DIR, then to the repository's dialogs folder.
Exits with 1 when any survey has an error or the folder has no dialog files, and with 2 on
invalid arguments.`;

/** `npm run surveys:check -- [folder]`: validates the dialogs and prints their SMS budget. */
async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (argv.length > 1) {
    process.stderr.write(`expected at most one folder, received ${argv.length}\n${USAGE}\n`);
    return 2;
  }

  const dir = path.resolve(argv[0] ?? loadEnv().DIALOGS_DIR ?? DEFAULT_DIALOGS_DIR);
  if (!existsSync(dir)) {
    process.stderr.write(`dialogs folder not found: ${dir}\n`);
    return 1;
  }
  const files = await loadDialogFiles(dir);
  if (files.length === 0) {
    process.stderr.write(`no dialog files (*.ts or *.js) in ${dir}\n`);
    return 1;
  }

  const report = formatCheckReport(files, findDuplicateIds(surveySources(files)));
  process.stdout.write(report.text);
  return report.totals.errors > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `surveys:check failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
