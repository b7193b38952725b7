import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { DryMongoBinary, MongoMemoryServer } from 'mongodb-memory-server';

import type { Logger } from '../log';
import { describeExit, findOnPath } from './child-process';
import type { EmbeddedServer } from './embedded-server';
import { EMBEDDED_DATABASE } from './ferretdb';

const execFileAsync = promisify(execFile);

/**
 * Finds a mongod binary without downloading: `MONGOMS_SYSTEM_BINARY`, then `mongod` on PATH,
 * then the download cache of mongodb-memory-server.
 */
export async function findMongod(log: Logger): Promise<string | undefined> {
  const onPath = process.env.MONGOMS_SYSTEM_BINARY ? undefined : findOnPath('mongod');
  if (onPath) return onPath;

  try {
    return await DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions());
  } catch (error) {
    // locateBinary throws when MONGOMS_SYSTEM_BINARY names a missing file.
    log.info({ reason: (error as Error).message }, 'mongod binary not found');
    return undefined;
  }
}

/**
 * Downloads mongod with mongodb-memory-server, in a child process that is killed after
 * `timeoutMs`, because a download stalled by a missing network would otherwise keep this process
 * waiting and alive for minutes. The mirror and version follow mongodb-memory-server's `MONGOMS_*`
 * variables, and `MONGOMS_RUNTIME_DOWNLOAD=false` makes it fail at once.
 */
export async function downloadMongod(timeoutMs: number): Promise<string> {
  const script = [
    `const { MongoBinary } = require(${JSON.stringify(require.resolve('mongodb-memory-server'))});`,
    'MongoBinary.getPath().then(',
    '  (path) => process.stdout.write(path),',
    '  (error) => {',
    '    process.stderr.write(String(error?.message ?? error));',
    '    process.exitCode = 1;',
    '  },',
    ');',
  ].join('\n');

  try {
    const { stdout } = await execFileAsync(process.execPath, ['-e', script], {
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      // Passed on purpose, so the MONGOMS_* variables the caller sees reach the child (under jest
      // the default is the runner's real environment).
      env: process.env,
    });
    return stdout.trim();
  } catch (error) {
    const { killed, stderr } = error as { killed?: boolean; stderr?: string };
    const reason = killed ? `timed out after ${timeoutMs} ms` : stderr?.trim() || String(error);
    throw new Error(`downloading mongod failed: ${reason}`);
  }
}

export interface StartMongodOptions {
  binary: string;
  /** Folder whose `mongod/` subfolder contains the WiredTiger files. */
  dataDir: string;
}

/**
 * Starts mongod on a free loopback port with its data in `<dataDir>/mongod`.
 *
 * NOTE: no test runs this path, because the test machines have no mongod binary.
 */
export async function startMongod({
  binary,
  dataDir,
}: StartMongodOptions): Promise<EmbeddedServer> {
  const dbPath = join(dataDir, 'mongod');
  mkdirSync(dbPath, { recursive: true });

  const server = await MongoMemoryServer.create({
    binary: { systemBinary: binary },
    instance: { dbPath, storageEngine: 'wiredTiger', ip: '127.0.0.1' },
  });

  let stopping: Promise<void> | undefined;
  const mongodProcess = server.instanceInfo?.instance.mongodProcess;
  return {
    uri: server.getUri(EMBEDDED_DATABASE),
    kind: 'mongod',
    pid: mongodProcess?.pid,
    unexpectedExit: new Promise((resolve) => {
      mongodProcess?.once('exit', (code, signal) => {
        if (!stopping) resolve(describeExit(code, signal));
      });
    }),
    stop() {
      // doCleanup false keeps dbPath: the data must survive a restart.
      stopping ??= server.stop({ doCleanup: false }).then(() => undefined);
      return stopping;
    },
  };
}
