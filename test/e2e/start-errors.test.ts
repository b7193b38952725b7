import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `src/main.ts` as `npm start` would, with only the given variables, and returns at exit. */
function startWith(variables: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-start-'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(__dirname, '..', '..'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, ...variables },
    encoding: 'utf8',
    timeout: 60_000,
  });
  rmSync(dataDir, { recursive: true, force: true });
  return result;
}

describe('start with bad configuration', () => {
  test('invalid PORT stops the start naming it', () => {
    const result = startWith({ PORT: 'abc' });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('production without keys stops the start', () => {
    const result = startWith({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://127.0.0.1:9/x' });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ENCRYPTION_KEY|PSEUDONYM_KEY/);
  });

  test('invalid ENCRYPTION_KEY is named', () => {
    const result = startWith({
      ENCRYPTION_KEY: 'k1:short',
      MONGODB_URI: 'mongodb://127.0.0.1:9/x',
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ENCRYPTION_KEY');
  });
});
