import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { formatCheckReport } from '../../../src/surveys/check-report';
import { loadDialogFiles } from '../../../src/surveys/dialog-files';
import { findDuplicateIds, surveySources } from '../../../src/surveys/duplicate-ids';
import { stepOf, validDraft } from './survey-drafts';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ces-check-'));
  mkdirSync(path.join(dir, 'dialogs'));
  const draft = validDraft();
  stepOf(draft, 'thanks').text.nl = 'Bedankt, alles is geëvalueerd’';
  const broken = validDraft();
  broken.id = 'broken';
  delete stepOf(broken, 'ces').text.en;
  writeFileSync(path.join(dir, 'dialogs', 'a.ts'), `export default ${JSON.stringify(draft)};\n`);
  writeFileSync(path.join(dir, 'dialogs', 'b.ts'), `export default ${JSON.stringify(broken)};\n`);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function reportFor(folder: string) {
  const files = await loadDialogFiles(folder);
  return formatCheckReport(files, findDuplicateIds(surveySources(files)));
}

describe('formatCheckReport', () => {
  it('prints SMS counts per step', async () => {
    const { text } = await reportFor(path.join(dir, 'dialogs'));

    const lines = text.split('\n');
    expect(lines).toContain('  step      kind     languages  SMS nl                      SMS en');
    expect(lines).toContain(
      '  consent   consent  nl, en     GSM-7, 1 segment            GSM-7, 1 segment',
    );
    expect(lines).toContain(
      '  thanks    closing  nl, en     UCS-2, 1 segment ("ë" "’")  GSM-7, 1 segment',
    );
  });

  it('states the SMS limit', async () => {
    const { text } = await reportFor(path.join(dir, 'dialogs'));

    expect(text).toContain('  SMS limit 2 segments per message; more is a warning\n');
  });

  it('lists the errors under the file', async () => {
    const { text } = await reportFor(path.join(dir, 'dialogs'));

    expect(text).toContain(
      `${path.join(dir, 'dialogs', 'b.ts')}\n  errors:\n` +
        '    - survey "broken", step "ces" (index 1), field text.en: missing; ' +
        "the survey's locales are nl, en\n",
    );
  });

  it('counts surveys, warnings and errors', async () => {
    const { text, totals } = await reportFor(path.join(dir, 'dialogs'));

    expect(totals).toEqual({ surveys: 1, warnings: 0, errors: 1 });
    expect(text.endsWith('1 survey valid, 0 warnings, 1 error\n')).toBe(true);
  });

  it('reports the example dialogs clean', async () => {
    const { totals } = await reportFor(path.resolve(__dirname, '../../../dialogs'));

    expect(totals).toEqual({ surveys: 3, warnings: 0, errors: 0 });
  });
});
