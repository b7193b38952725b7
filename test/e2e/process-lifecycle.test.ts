import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { findFreePort, waitForExit } from '../../src/storage/child-process';
import { isProcessAlive } from '../../src/storage/server-record';

const ROOT = join(__dirname, '..', '..');

/** A ces-bot process started by a test, with everything it printed so far. */
interface Bot {
  child: ChildProcess;
  url: string;
  output(): string;
}

/** Starts `src/main.ts` as `npm start` would, on 127.0.0.1 with an embedded FerretDB. */
function startBot(dataDir: string, port: number): Bot {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: botEnvironment(dataDir, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { child, url: `http://127.0.0.1:${port}`, output: collectOutput(child) };
}

/**
 * Starts the bot the way `npm start` does, as the child of another process (`sh` here), and
 * returns the parent with the bot's pid, which the shell prints.
 */
async function startBotUnderShell(dataDir: string, port: number) {
  const command = `node --import tsx src/main.ts & echo "$!"; wait`;
  const shell = spawn('sh', ['-c', command], {
    cwd: ROOT,
    // npm sets this for the scripts it runs, and the bot watches its parent only then.
    env: { ...botEnvironment(dataDir, port), npm_lifecycle_event: 'start' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(shell);
  const botPid = await waitFor(() => Number(/^(\d+)$/m.exec(output())?.[1]) || undefined, 10_000);
  return { shell, botPid, url: `http://127.0.0.1:${port}`, output };
}

function botEnvironment(dataDir: string, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.CES_BOT_CACHE && { CES_BOT_CACHE: process.env.CES_BOT_CACHE }),
    // No mongod is installed here, and tests never download one.
    MONGOMS_RUNTIME_DOWNLOAD: 'false',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  };
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return () => output;
}

/** Polls `probe` every 100 ms until it returns a value, and fails after `timeoutMs`. */
async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitUntilHealthy(url: string): Promise<void> {
  await waitFor(async () => {
    const response = await fetch(`${url}/healthz`).catch(() => undefined);
    return response?.status === 200 ? true : undefined;
  }, 30_000);
}

/** Resolves with the exit code or signal, or with `running` when `timeoutMs` passes first. */
function exitWithin(child: ChildProcess, timeoutMs: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('running'), timeoutMs);
  });
  return Promise.race([waitForExit(child), timedOut]).finally(() => clearTimeout(timer));
}

function recordedServerPid(dataDir: string): number {
  return JSON.parse(readFileSync(join(dataDir, 'embedded-server.json'), 'utf8')).pid;
}

async function processGone(pid: number, timeoutMs: number): Promise<boolean> {
  return waitFor(() => (isProcessAlive(pid) ? undefined : true), timeoutMs).catch(() => false);
}

function killIfAlive(pid: number | undefined): void {
  if (pid !== undefined && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
}

describe('ces-bot process lifecycle', () => {
  let dataDir: string;
  const pids: number[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-lifecycle-'));
  });

  afterEach(() => {
    // Processes a failed test left behind, bot processes first so none restarts a server.
    pids.splice(0).forEach(killIfAlive);
    rmSync(dataDir, { recursive: true, force: true });
  });

  function track(...ids: Array<number | undefined>): void {
    for (const id of ids) if (id !== undefined) pids.push(id);
  }

  test('exits non-zero when its FerretDB is killed', async () => {
    const bot = startBot(dataDir, await findFreePort());
    track(bot.child.pid);
    await waitUntilHealthy(bot.url);
    const serverPid = recordedServerPid(dataDir);
    track(serverPid);

    process.kill(serverPid, 'SIGKILL');
    const exit = await exitWithin(bot.child, 10_000);

    expect(exit).toBe(1);
    expect(bot.output()).toContain('"msg":"ferretdb exited unexpectedly"');
    expect(bot.output()).toMatch(/"level":50[^\n]*was killed by SIGKILL[^\n]*"msg":"database lost/);
  });

  test('answers 503 then exits when the reused server stops', async () => {
    const owner = startBot(dataDir, await findFreePort());
    track(owner.child.pid);
    await waitUntilHealthy(owner.url);
    const reuser = startBot(dataDir, await findFreePort());
    track(reuser.child.pid);
    await waitUntilHealthy(reuser.url);

    owner.child.kill('SIGTERM');
    expect(await exitWithin(owner.child, 15_000)).toBe(0);
    const response = await fetch(`${reuser.url}/webchat/api/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    const body = await response.json();
    const exit = await exitWithin(reuser.child, 25_000);

    expect(response.status).toBe(503);
    expect(body.code).toBe('storage_failed');
    expect(body.message).not.toContain('MONGODB_URI');
    expect(exit).toBe(1);
    expect(reuser.output()).toMatch(
      /"level":50[^\n]*has been down for 10 s[^\n]*"msg":"database lost/,
    );
  });

  test('stops with its FerretDB when the parent is killed', async () => {
    const { shell, botPid, url, output } = await startBotUnderShell(dataDir, await findFreePort());
    track(botPid, shell.pid);
    await waitUntilHealthy(url);
    const serverPid = recordedServerPid(dataDir);
    track(serverPid);

    shell.kill('SIGTERM');

    expect(await processGone(botPid, 10_000)).toBe(true);
    expect(await processGone(serverPid, 5_000)).toBe(true);
    expect(output()).toContain('parent process exited');
    expect(output()).toContain('ces-bot stopped');
  });

  test('port in use stops the start naming PORT', async () => {
    const port = await findFreePort();
    const occupant: Server = createServer();
    await new Promise<void>((resolve) => occupant.listen(port, '127.0.0.1', resolve));

    try {
      const bot = startBot(dataDir, port);
      track(bot.child.pid);
      const exit = await exitWithin(bot.child, 30_000);

      expect(exit).toBe(1);
      expect(bot.output()).toContain(`PORT ${port} is already in use`);
      expect(bot.output()).not.toMatch(/\n\s+at /);
      expect(bot.output()).not.toContain('MongoClientClosedError');
      expect(bot.output()).not.toContain('"level":50');
      expect(existsSync(join(dataDir, 'embedded-server.json'))).toBe(false);
    } finally {
      await new Promise((resolve) => occupant.close(resolve));
    }
  });
});
