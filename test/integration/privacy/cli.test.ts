import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { KeyRing } from '../../../src/privacy/key-ring';
import { AnswerModel, ConversationModel } from '../../../src/storage/models';
import { clearCollections, rawDump, useTestDatabase } from '../../support/db';
import { seedRespondent } from './seed';

const database = useTestDatabase();

const PHONE = '+31612345678';
const TEXT = 'De monteur kwam drie uur te laat';
const encryptionKey = randomBytes(32);
const pseudonymKey = randomBytes(32);
const keyRing = new KeyRing([{ id: 'k1', key: encryptionKey }]);
const workDir = mkdtempSync(join(tmpdir(), 'ces-bot-privacy-cli-'));

/** A dialogs folder with only the privacy fixture survey. */
function writeDialogsDir(): string {
  const dir = join(workDir, 'dialogs');
  const fixture = resolve(__dirname, '../../unit/privacy/fixtures/survey');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'service-visit.ts'),
    `export { SURVEY_DEFINITION as default } from '${fixture}';\n`,
  );
  return dir;
}

const dialogsDir = writeDialogsDir();

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run privacy -- ...` as an operator would, against this file's database. */
function privacy(...args: string[]): Promise<CliResult> {
  const uri = new URL(process.env.CES_TEST_MONGODB_URI ?? '');
  uri.pathname = `/${database.name}`;
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: uri.toString(),
    DATA_DIR: join(workDir, 'data'),
    DIALOGS_DIR: dialogsDir,
    ENCRYPTION_KEY: `k1:${encryptionKey.toString('base64')}`,
    PSEUDONYM_KEY: pseudonymKey.toString('base64'),
  };
  return new Promise((done) => {
    execFile(
      'npx',
      ['tsx', 'src/cli/privacy.ts', ...args],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('privacy CLI', () => {
  beforeEach(clearCollections);

  it('exports a respondent as JSON', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const result = await privacy('export', '--phone', '06 12345678');

    expect(result.code).toBe(0);
    const exported = JSON.parse(result.stdout);
    expect(exported.respondent).toBe(seeded.respondent);
    expect(exported.collections.answers[0].text.answers.reason).toBe(TEXT);
  });

  it('only counts without --yes', async () => {
    await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const result = await privacy('erase', '--phone', PHONE);

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).wouldErase).toMatchObject({ answers: 1, conversations: 1 });
    expect(result.stderr).toContain('nothing erased: 5 documents found; add --yes to erase them');
    expect(await AnswerModel.countDocuments({})).toBe(1);
  });

  it('erases with --yes', async () => {
    const seeded = await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const result = await privacy('erase', '--phone', PHONE, '--yes');

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).erased).toMatchObject({ answers: 1, conversations: 1 });
    expect(await ConversationModel.countDocuments({})).toBe(0);
    expect(await rawDump()).not.toContain(seeded.respondent);
  });

  it('rejects a missing command', async () => {
    const result = await privacy();

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing command');
    expect(result.stderr).toContain('usage: npm run privacy');
  });

  it('rejects an unknown option', async () => {
    const result = await privacy('export', '--email', 'jan@example.nl');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--email'");
  });

  it('rejects an option of another command', async () => {
    const result = await privacy('export', '--phone', PHONE, '--yes');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('option --yes does not apply to export');
  });

  it('rejects two respondent options', async () => {
    const result = await privacy('erase', '--phone', PHONE, '--slack', 'U0001');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('exactly one of --phone, --slack or --pseudonym');
  });

  it('rejects a malformed Slack id by option name', async () => {
    const result = await privacy('export', '--slack', 'not-an-id');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid respondent: --slack: expected a Slack user id');
  });

  it('writes the record of processing', async () => {
    const out = join(workDir, 'record');

    const result = await privacy('record', '--out', out);

    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'processing-record.md'), 'utf8')).toContain(
      '## Service visit (`service-visit`)',
    );
    const json = JSON.parse(readFileSync(join(out, 'processing-record.json'), 'utf8'));
    expect(json.records[0].controller).toBe('Voorbeeld Energie B.V.');
  });

  it('sweeps and rotates keys', async () => {
    await seedRespondent({ keyRing, pseudonymKey, phone: PHONE, text: TEXT });

    const sweep = await privacy('sweep');
    const rotation = await privacy('rotate-keys');

    expect(sweep.code).toBe(0);
    expect(JSON.parse(sweep.stdout).claimed).toBe(true);
    expect(rotation.code).toBe(0);
    expect(JSON.parse(rotation.stdout).currentKeyId).toBe('k1');
  });
});
