import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import mongoose from 'mongoose';

import { StorageError } from '../../../src/errors';
import { createLogger } from '../../../src/log';
import { findOnPath } from '../../../src/storage/child-process';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/storage/embedded-server';
import { pingServer } from '../../../src/storage/ping';
import { isProcessAlive } from '../../../src/storage/server-record';

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

/** Sets environment variables for one test; the returned function restores them. */
function setEnv(values: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(values);
  return () => apply(saved);
}

async function withClient<T>(uri: string, use: (db: mongoose.mongo.Db) => Promise<T>): Promise<T> {
  const client = await new mongoose.mongo.MongoClient(uri).connect();
  try {
    return await use(client.db());
  } finally {
    await client.close();
  }
}

describe('startEmbeddedServer', () => {
  let dataDir: string;
  const started: EmbeddedServer[] = [];
  const restoreEnv: Array<() => void> = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-embedded-'));
    // No mongod is installed here, and tests never download one.
    restoreEnv.push(setEnv({ MONGOMS_RUNTIME_DOWNLOAD: 'false' }));
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
    restoreEnv
      .splice(0)
      .reverse()
      .forEach((restore) => restore());
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(options: { log?: ReturnType<typeof captureLog>['log'] } = {}) {
    const server = await startEmbeddedServer({
      dataDir,
      log: options.log ?? createLogger({ level: 'silent' }),
    });
    started.push(server);
    return server;
  }

  it('starts FerretDB on 127.0.0.1 when mongod is missing', async () => {
    const { log, lines } = captureLog();

    const server = await start({ log });

    expect(server.kind).toBe('ferretdb');
    expect(server.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/ces-bot$/);
    expect(await pingServer(server.uri, 2000)).toBe(true);
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'embedded database server started',
        kind: 'ferretdb',
        dataDir,
      }),
    );
  });

  it('keeps data across a restart', async () => {
    const first = await start();
    await withClient(first.uri, (db) => db.collection('answers').insertOne({ score: 6 }));
    await first.stop();

    const second = await start();
    const answers = await withClient(second.uri, (db) => db.collection('answers').find().toArray());

    expect(answers).toHaveLength(1);
    expect(answers[0]?.score).toBe(6);
  });

  it('stops the server process, and stops safely twice', async () => {
    const server = await start();
    const pid = server.pid ?? -1;

    await Promise.all([server.stop(), server.stop()]);
    await server.stop();

    expect(isProcessAlive(pid)).toBe(false);
    expect(await pingServer(server.uri, 500)).toBe(false);
  });

  it('prefers FerretDB when only FerretDB data exists', async () => {
    mkdirSync(join(dataDir, 'ferretdb'));
    restoreEnv.push(setEnv({ MONGOMS_SYSTEM_BINARY: '/nonexistent/mongod' }));
    const { log, lines } = captureLog();

    const server = await start({ log });

    expect(server.kind).toBe('ferretdb');
    expect(lines.some((line) => line.msg === 'mongod binary not found')).toBe(false);
  });

  it('falls back to FerretDB when mongod is not found', async () => {
    restoreEnv.push(setEnv({ MONGOMS_SYSTEM_BINARY: '/nonexistent/mongod' }));
    const { log, lines } = captureLog();

    const server = await start({ log });

    expect(server.kind).toBe('ferretdb');
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 30,
        msg: 'embedded database server unavailable, trying the next',
      }),
    );
  });

  it('logs missing mongod without a stack', async () => {
    const { log, lines } = captureLog();

    await start({ log });
    const line = lines.find((entry) =>
      entry.msg.startsWith('embedded database server unavailable'),
    );

    expect(line?.reason).toBe('mongod not found, and downloading it is switched off');
    expect(JSON.stringify(line)).not.toContain('stack');
  });

  it('reports an exit without stop', async () => {
    const server = await start();

    process.kill(server.pid ?? -1, 'SIGKILL');

    await expect(server.unexpectedExit).resolves.toBe('was killed by SIGKILL');
  });

  it('reports no unexpected exit after stop', async () => {
    const server = await start();

    await server.stop();
    const outcome = await Promise.race([
      server.unexpectedExit,
      new Promise((resolve) => setTimeout(() => resolve('pending'), 300)),
    ]);

    expect(outcome).toBe('pending');
  });

  it('runs FerretDB in a session of its own', async () => {
    const server = await start();

    const stat = readFileSync(`/proc/${server.pid}/stat`, 'utf8');
    const [, , , sessionId] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');

    expect(Number(sessionId)).toBe(server.pid);
  });
});

describe('startEmbeddedServer mongod download', () => {
  let dataDir: string;
  let stalledMirror: Server;
  const sockets: Socket[] = [];
  let requests = 0;
  let restoreEnv: () => void;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-download-'));
    // A mirror that accepts connections and never responds, like a network that drops packets.
    stalledMirror = createServer((socket) => {
      requests += 1;
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => stalledMirror.listen(0, '127.0.0.1', resolve));
    const { port } = stalledMirror.address() as { port: number };
    restoreEnv = setEnv({
      MONGOMS_RUNTIME_DOWNLOAD: 'true',
      MONGOMS_SYSTEM_BINARY: undefined,
      MONGOMS_DOWNLOAD_DIR: join(dataDir, 'mongodb-binaries'),
      MONGOMS_DOWNLOAD_URL: `http://127.0.0.1:${port}/mongodb-linux-x86_64-ubuntu2204-7.0.14.tgz`,
      MONGOMS_USE_HTTP: 'true',
    });
  });

  afterEach(async () => {
    restoreEnv();
    sockets.splice(0).forEach((socket) => socket.destroy());
    await new Promise((resolve) => stalledMirror.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives up a stalled download and starts FerretDB', async () => {
    const { log, lines } = captureLog();
    const before = Date.now();

    const server = await startEmbeddedServer({ dataDir, log, downloadTimeoutMs: 1500 });
    await server.stop();

    expect(server.kind).toBe('ferretdb');
    expect(requests).toBeGreaterThan(0);
    expect(Date.now() - before).toBeLessThan(15_000);
    const fallback = lines.find(
      (line) => line.msg === 'embedded database server unavailable, trying the next',
    );
    expect(JSON.stringify(fallback)).toMatch(/downloading mongod failed: timed out after 1500 ms/);
  });
});

describe('startEmbeddedServer without any server', () => {
  let dataDir: string;
  let restoreEnv: () => void;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ces-bot-none-'));
    // PATH holds only bash, so neither mongod, ferretdb nor go is found.
    const bin = join(dataDir, 'bin');
    mkdirSync(bin);
    symlinkSync(findOnPath('bash') ?? '/bin/bash', join(bin, 'bash'));
    restoreEnv = setEnv({
      PATH: bin,
      CES_BOT_CACHE: join(dataDir, 'cache'),
      MONGOMS_RUNTIME_DOWNLOAD: 'false',
      MONGOMS_SYSTEM_BINARY: undefined,
    });
  });

  afterEach(() => {
    restoreEnv();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('rejects with advice on MONGODB_URI', async () => {
    const log = createLogger({ level: 'silent' });

    const outcome = await startEmbeddedServer({ dataDir, log }).then(
      async (server) => {
        await server.stop();
        return server;
      },
      (error: unknown) => error,
    );

    expect(outcome).toBeInstanceOf(StorageError);
    expect((outcome as Error).message).toContain('MONGODB_URI=mongodb://127.0.0.1:27017/ces-bot');
    expect((outcome as Error).message).toContain('go is missing');
  });
});
