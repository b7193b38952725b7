import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';

import { NotFoundError, SurveyDefinitionError } from '../../../src/errors';
import { createLogger } from '../../../src/log';
import { createSurveyRegistry, loadSurveys } from '../../../src/surveys/registry';
import { validDraft, type Draft } from './survey-drafts';

const DEFINE_SURVEY = path.resolve(__dirname, '../../../src/surveys/define-survey');

let root: string;
let folderCount = 0;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ces-dialogs-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Writes the files into a new folder; each folder is new because `require` caches modules. */
function dialogFolder(files: Record<string, string>): string {
  folderCount += 1;
  const dir = path.join(root, `case-${folderCount}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

function draftWithId(id: string, change: (draft: Draft) => void = () => {}): Draft {
  const draft = validDraft();
  draft.id = id;
  change(draft);
  return draft;
}

function defaultExport(draft: Draft): string {
  return `export default ${JSON.stringify(draft, null, 2)};\n`;
}

async function loadProblems(dir: string): Promise<string[]> {
  try {
    await loadSurveys({ dir });
  } catch (error) {
    if (error instanceof SurveyDefinitionError) return error.problems;
    throw error;
  }
  throw new Error('expected loading to fail');
}

describe('loadSurveys', () => {
  it('loads every dialog file', async () => {
    const dir = dialogFolder({
      'b-visit.ts': defaultExport(draftWithId('b-visit')),
      'a-visit.ts': defaultExport(draftWithId('a-visit')),
    });

    const registry = await loadSurveys({ dir });

    expect(registry.list().map((survey) => survey.id)).toEqual(['a-visit', 'b-visit']);
  });

  it('loads a file written with defineSurvey', async () => {
    const source =
      `import { defineSurvey } from ${JSON.stringify(DEFINE_SURVEY)};\n` +
      `export default defineSurvey(${JSON.stringify(draftWithId('typed-visit'))});\n`;
    const dir = dialogFolder({ 'typed-visit.ts': source });

    const registry = await loadSurveys({ dir });

    expect(registry.get('typed-visit').steps).toHaveLength(7);
  });

  it('loads CommonJS files', async () => {
    const dir = dialogFolder({
      'plain.js': `module.exports = ${JSON.stringify(draftWithId('plain-visit'))};\n`,
    });

    const registry = await loadSurveys({ dir });

    expect(registry.has('plain-visit')).toBe(true);
  });

  it('skips shared parts, declarations and other files', async () => {
    const dir = dialogFolder({
      'visit.ts': defaultExport(draftWithId('visit')),
      '_shared.ts': "throw new Error('a shared part was loaded as a dialog');\n",
      'visit.d.ts': 'export {};\n',
      'visit.js.map': '{}',
      'README.md': '# dialogs\n',
    });

    const registry = await loadSurveys({ dir });

    expect(registry.list().map((survey) => survey.id)).toEqual(['visit']);
  });

  it('takes every named survey export', async () => {
    const source =
      `export const first = ${JSON.stringify(draftWithId('first'))};\n` +
      `export const second = ${JSON.stringify(draftWithId('second'))};\n` +
      'export const unrelated = { colour: "blue" };\n' +
      'export default first;\n';
    const dir = dialogFolder({ 'pair.ts': source });

    const registry = await loadSurveys({ dir });

    expect(registry.list().map((survey) => survey.id)).toEqual(['first', 'second']);
  });

  it('reports the problems of all files at once', async () => {
    const dir = dialogFolder({
      'good.ts': defaultExport(draftWithId('good')),
      'invalid.ts': defaultExport(draftWithId('invalid', (d) => delete d.steps[1].text.en)),
      'syntax.ts': 'export default {\n',
      'empty.ts': 'export const colour = "blue";\n',
    });

    const problems = await loadProblems(dir);

    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe(
      `${path.join(dir, 'empty.ts')}: exports no survey; add export default defineSurvey({ ... })`,
    );
    expect(problems[1]).toBe(
      `${path.join(dir, 'invalid.ts')}: survey "invalid", step "ces" (index 1), field text.en: ` +
        "missing; the survey's locales are nl, en",
    );
    expect(problems[2]).toMatch(new RegExp(`^${path.join(dir, 'syntax.ts')}: failed to load: `));
  });

  it('rejects a duplicate survey id', async () => {
    const dir = dialogFolder({
      'one.ts': defaultExport(draftWithId('visit')),
      'two.ts': defaultExport(draftWithId('visit')),
    });

    const problems = await loadProblems(dir);

    expect(problems).toEqual([
      `survey "visit" is defined more than once, in ${path.join(dir, 'one.ts')}, ` +
        `${path.join(dir, 'two.ts')}; survey ids must be unique`,
    ]);
  });

  it('puts every problem in the error message', async () => {
    const dir = dialogFolder({
      'one.ts': defaultExport(draftWithId('visit')),
      'two.ts': defaultExport(draftWithId('visit')),
      'three.ts': 'export {};\n',
    });

    const load = loadSurveys({ dir });

    await expect(load).rejects.toThrow(/2 problems:\n {2}- .*three\.ts: exports no survey/);
  });

  it('rejects a folder without dialog files', async () => {
    const dir = dialogFolder({ 'README.md': '# dialogs\n' });

    const problems = await loadProblems(dir);

    expect(problems).toEqual([`${dir}: no dialog files (*.ts or *.js)`]);
  });

  it('rejects a missing folder', async () => {
    const dir = path.join(root, 'missing');

    const problems = await loadProblems(dir);

    expect(problems).toEqual([`${dir}: dialogs folder not found; set DIALOGS_DIR to the folder`]);
  });

  it('collects and logs warnings', async () => {
    const draft = draftWithId('warned', (d) => {
      d.placeholders.city = 'Utrecht';
    });
    const dir = dialogFolder({ 'warned.ts': defaultExport(draft) });
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });

    const registry = await loadSurveys({ dir, log: createLogger({ destination }) });

    const expected = `${path.join(dir, 'warned.ts')}: survey "warned", field placeholders.city: not used in any text`;
    expect(registry.warnings).toEqual([expected]);
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual([
      'survey definition warning',
      'surveys loaded',
    ]);
  });
});

describe('SurveyRegistry', () => {
  it('returns a survey by id', () => {
    const registry = createSurveyRegistry([draftWithId('visit')]);

    const survey = registry.get('visit');

    expect(survey.title).toBe('Service visit');
  });

  it('names the known ids for an unknown id', () => {
    const registry = createSurveyRegistry([draftWithId('visit'), draftWithId('chat')]);

    const lookup = () => registry.get('vissit');

    expect(lookup).toThrow(NotFoundError);
    expect(lookup).toThrow('survey "vissit" not found; known surveys: visit, chat');
  });

  it('reports whether it has an id', () => {
    const registry = createSurveyRegistry([draftWithId('visit')]);

    expect(registry.has('visit')).toBe(true);
    expect(registry.has('chat')).toBe(false);
  });

  it('rejects duplicate ids in memory', () => {
    const build = () => createSurveyRegistry([draftWithId('visit'), draftWithId('visit')]);

    expect(build).toThrow(SurveyDefinitionError);
    expect(build).toThrow(
      'survey "visit" is defined more than once, in definitions[0], definitions[1]; ' +
        'survey ids must be unique',
    );
  });
});
