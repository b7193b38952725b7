import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import mongoose from 'mongoose';

import { StorageError } from '../../../src/errors';
import { createLogger } from '../../../src/log';
import { findFreePort, stopChildProcess } from '../../../src/storage/child-process';
import { translateStorageError } from '../../../src/storage/connect';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/storage/embedded-server';
import { openDatabase, type OpenDatabaseOptions } from '../../../src/storage/open-database';
import { pingServer } from '../../../src/storage/ping';
import {
  isProcessAlive,
  withStartLock,
  writeServerRecord,
} from '../../../src/storage/server-record';

function captureLog() {
  const lines: Array<Record<string, unknown> & { msg: string }> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), lines };
}

const silent = createLogger({ level: 'silent' });

/** Starts a process whose command line contains `marker`, standing in for a server process. */
function startStandIn(marker: string): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', marker], {
    stdio: 'ignore',
  });
}

async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? -1;
}

function recordFile(dataDir: string): string {
  return join(dataDir, 'embedded-server.json');
}

function readRecord(dataDir: string): { uri: string; pid: number; ownerPid?: number } {
  return JSON.parse(readFileSync(recordFile(dataDir), 'utf8'));
}

/** Returns a callback for onLost and a promise of the error it receives first. */
function lossReceiver() {
  let receive: (error: StorageError) => void = () => {};
  const lost = new Promise<StorageError>((resolve) => (receive = resolve));
  return { onLost: (error: StorageError) => receive(error), lost };
}

async function processGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('openDatabase', () => {
  let dataDir: string;
  let savedDownload: string | undefined;
  const cleanups: Array<() => Promise<void>> = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-open-'));
    savedDownload = process.env.MONGOMS_RUNTIME_DOWNLOAD;
    process.env.MONGOMS_RUNTIME_DOWNLOAD = 'false';
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await mongoose.disconnect();
    if (savedDownload === undefined) delete process.env.MONGOMS_RUNTIME_DOWNLOAD;
    else process.env.MONGOMS_RUNTIME_DOWNLOAD = savedDownload;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(log = silent, options: Partial<OpenDatabaseOptions> = {}) {
    const database = await openDatabase({ env: { DATA_DIR: dataDir }, log, ...options });
    cleanups.push(() => database.close());
    return database;
  }

  async function startOtherServer(): Promise<EmbeddedServer> {
    const server = await startEmbeddedServer({ dataDir, log: silent });
    cleanups.push(() => server.stop());
    return server;
  }

  it('connects to MONGODB_URI when set', async () => {
    const uri = process.env.CES_TEST_MONGODB_URI ?? '';

    const database = await openDatabase({
      env: { MONGODB_URI: uri, DATA_DIR: dataDir },
      log: silent,
    });
    await database.close();

    expect(database.kind).toBe('external');
    expect(database.uri).toBe(uri);
    expect(existsSync(recordFile(dataDir))).toBe(false);
  });

  it('starts an embedded server and records it', async () => {
    const database = await open();

    const record = JSON.parse(readFileSync(recordFile(dataDir), 'utf8'));

    expect(database.kind).toBe('ferretdb');
    expect(mongoose.connection.readyState).toBe(mongoose.ConnectionStates.connected);
    expect(record).toEqual({
      uri: database.uri,
      pid: expect.any(Number),
      kind: 'ferretdb',
      ownerPid: process.pid,
    });
    expect(isProcessAlive(record.pid)).toBe(true);
  });

  it('stops its server and removes the record on close', async () => {
    const database = await open();
    const { pid } = JSON.parse(readFileSync(recordFile(dataDir), 'utf8'));

    await database.close();
    await database.close();

    expect(existsSync(recordFile(dataDir))).toBe(false);
    expect(isProcessAlive(pid)).toBe(false);
    expect(mongoose.connection.readyState).toBe(mongoose.ConnectionStates.disconnected);
  });

  it('reuses the server another process recorded', async () => {
    const other = await startOtherServer();
    writeServerRecord(dataDir, { uri: other.uri, pid: other.pid ?? -1, kind: 'ferretdb' });
    const { log, lines } = captureLog();

    const database = await open(log);
    await database.close();

    expect(database.uri).toBe(other.uri);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'reusing embedded database server of another process' }),
    );
    expect(await pingServer(other.uri, 2000)).toBe(true);
    expect(existsSync(recordFile(dataDir))).toBe(true);
  });

  it('reuses a server whose owner runs', async () => {
    const other = await startOtherServer();
    const owner = startStandIn('owner');
    cleanups.push(() => stopChildProcess(owner, 1000));
    const record = { uri: other.uri, pid: other.pid ?? -1, ownerPid: owner.pid ?? -1 };
    writeServerRecord(dataDir, { ...record, kind: 'ferretdb' });

    const database = await open();

    expect(database.uri).toBe(other.uri);
    expect(isProcessAlive(record.pid)).toBe(true);
  });

  it('replaces a server whose owner has exited', async () => {
    const orphan = await startOtherServer();
    const record = { uri: orphan.uri, pid: orphan.pid ?? -1, ownerPid: await exitedPid() };
    writeServerRecord(dataDir, { ...record, kind: 'ferretdb' });
    const { log, lines } = captureLog();

    const database = await open(log);

    expect(database.uri).not.toBe(orphan.uri);
    expect(isProcessAlive(record.pid)).toBe(false);
    expect(readRecord(dataDir)).toMatchObject({ uri: database.uri, ownerPid: process.pid });
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'stopping embedded database server left by a process that exited',
        pid: record.pid,
        ownerPid: record.ownerPid,
      }),
    );
  });

  it('leaves an orphan pid alone when it runs another program', async () => {
    const unrelated = startStandIn('unrelated');
    cleanups.push(() => stopChildProcess(unrelated, 1000));
    const port = await findFreePort();
    const uri = `mongodb://127.0.0.1:${port}/ces-bot`;
    const ownerPid = await exitedPid();
    writeServerRecord(dataDir, { uri, pid: unrelated.pid ?? -1, kind: 'ferretdb', ownerPid });

    const database = await open();

    expect(database.uri).not.toBe(uri);
    expect(isProcessAlive(unrelated.pid ?? -1)).toBe(true);
  });

  it('calls onLost when its own server exits', async () => {
    const { onLost, lost } = lossReceiver();
    await open(silent, { onLost });
    const { pid } = readRecord(dataDir);

    process.kill(pid, 'SIGKILL');
    const error = await lost;

    expect(error).toBeInstanceOf(StorageError);
    expect(error.message).toContain(`the embedded ferretdb server (pid ${pid}) on ${dataDir}`);
    expect(error.message).toContain('was killed by SIGKILL');
  });

  it('calls onLost when a reused server stays down', async () => {
    const other = await startOtherServer();
    const record = { uri: other.uri, pid: other.pid ?? -1, ownerPid: process.pid };
    writeServerRecord(dataDir, { ...record, kind: 'ferretdb' });
    const { onLost, lost } = lossReceiver();
    await open(silent, { onLost, lostAfterMs: 1000 });

    await other.stop();
    const error = await lost;

    expect(error).toBeInstanceOf(StorageError);
    expect(error.message).toContain(`server (pid ${record.pid}) that process ${process.pid}`);
    expect(error.message).toContain('has been down for 1 s');
  });

  it('names the embedded server in storage errors', async () => {
    await open();
    const { pid } = readRecord(dataDir);

    const error = translateStorageError(new mongoose.mongo.MongoNetworkError('refused'), {
      log: silent,
      operation: 'load conversation',
    });

    expect(error.message).toContain(`check that the embedded ferretdb server (pid ${pid})`);
    expect(error.message).not.toContain('MONGODB_URI');
  });

  it.each([
    ['its own server', false],
    ['a reused server', true],
  ])('does not call onLost after closing %s', async (_case, reused) => {
    if (reused) {
      const other = await startOtherServer();
      const record = { uri: other.uri, pid: other.pid ?? -1, ownerPid: process.pid };
      writeServerRecord(dataDir, { ...record, kind: 'ferretdb' });
    }
    const losses: StorageError[] = [];
    const database = await open(silent, {
      onLost: (error) => losses.push(error),
      lostAfterMs: 100,
    });

    await database.close();
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(losses).toEqual([]);
  });

  it('ignores a record whose process has exited', async () => {
    const port = await findFreePort();
    const stale = { uri: `mongodb://127.0.0.1:${port}/ces-bot`, pid: await exitedPid() };
    writeServerRecord(dataDir, { ...stale, kind: 'ferretdb' });

    const database = await open();

    expect(database.uri).not.toBe(stale.uri);
    expect(JSON.parse(readFileSync(recordFile(dataDir), 'utf8')).uri).toBe(database.uri);
  });

  it('ignores a record whose pid now runs another program', async () => {
    const unrelated = startStandIn('unrelated');
    cleanups.push(() => stopChildProcess(unrelated, 1000));
    const port = await findFreePort();
    const uri = `mongodb://127.0.0.1:${port}/ces-bot`;
    writeServerRecord(dataDir, { uri, pid: unrelated.pid ?? -1, kind: 'ferretdb' });

    const database = await open();

    expect(database.uri).not.toBe(uri);
  });

  it('rejects a recorded server that runs but does not answer', async () => {
    const silentServer = startStandIn('ferretdb');
    cleanups.push(() => stopChildProcess(silentServer, 1000));
    const port = await findFreePort();
    const uri = `mongodb://127.0.0.1:${port}/ces-bot`;
    writeServerRecord(dataDir, { uri, pid: silentServer.pid ?? -1, kind: 'ferretdb' });

    const opening = openDatabase({ env: { DATA_DIR: dataDir }, log: silent });

    await expect(opening).rejects.toBeInstanceOf(StorageError);
    await expect(opening).rejects.toThrow(/is running but does not respond to ping/);
  });
});

describe('openDatabase in two processes', () => {
  let dataDir: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-shared-'));
  });

  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => stopChildProcess(child, 1000)));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs openDatabase in a child process, which prints the URI and closes after `holdMs`. */
  function startOpener(holdMs: number) {
    const script = `
      const { openDatabase } = require('./src/storage/open-database');
      const { createLogger } = require('./src/log');
      const log = createLogger({ level: 'silent' });
      openDatabase({ env: { DATA_DIR: ${JSON.stringify(dataDir)} }, log })
        .then(async (database) => {
          console.log(database.uri);
          await new Promise((resolve) => setTimeout(resolve, ${holdMs}));
          await database.close();
        })
        .catch((error) => {
          console.error(error);
          process.exitCode = 1;
        });
    `;
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', '-e', script], {
      cwd: join(__dirname, '..', '..', '..'),
      env: { ...process.env, MONGOMS_RUNTIME_DOWNLOAD: 'false' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const opened = new Promise<string>((resolve) => {
      child.stdout.on('data', () => {
        if (output.includes('\n')) resolve(output.trim());
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, opened, exited };
  }

  async function openInChild(holdMs: number): Promise<string> {
    const opener = startOpener(holdMs);
    const code = await opener.exited;
    if (code !== 0) throw new Error(`openDatabase in a child process exited with ${code}`);
    return opener.opened;
  }

  it('shares one server between processes started together', async () => {
    const uris = await Promise.all([openInChild(3000), openInChild(3000)]);

    expect(uris[0]).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/ces-bot$/);
    expect(uris[1]).toBe(uris[0]);
    expect(existsSync(recordFile(dataDir))).toBe(false);
  });

  it('stops the server soon after its owner is killed', async () => {
    const opener = startOpener(60_000);
    await opener.opened;
    const { pid } = readRecord(dataDir);

    opener.child.kill('SIGKILL');
    const gone = await processGone(pid, 5_000);
    if (!gone) process.kill(pid, 'SIGKILL');

    expect(gone).toBe(true);
  });

  it('starts again after its owner is killed', async () => {
    const opener = startOpener(60_000);
    const first = await opener.opened;

    opener.child.kill('SIGKILL');
    const second = await openInChild(0);

    expect(second).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/ces-bot$/);
    expect(second).not.toBe(first);
  });
});

describe('withStartLock', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-lock-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs one start at a time', async () => {
    const events: string[] = [];
    const start = (name: string) => async () => {
      events.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      events.push(`${name} out`);
    };

    await Promise.all([
      withStartLock(dataDir, silent, start('a')),
      withStartLock(dataDir, silent, start('b')),
    ]);

    expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(existsSync(join(dataDir, 'embedded-server.lock'))).toBe(false);
  });

  it('takes over a lock left by an exited process', async () => {
    writeFileSync(join(dataDir, 'embedded-server.lock'), String(await exitedPid()));

    const result = await withStartLock(dataDir, silent, async () => 'started');

    expect(result).toBe('started');
  });

  it('releases the lock when the start fails', async () => {
    const failing = withStartLock(dataDir, silent, async () => {
      throw new Error('start failed');
    });

    await expect(failing).rejects.toThrow('start failed');
    expect(existsSync(join(dataDir, 'embedded-server.lock'))).toBe(false);
  });
});
