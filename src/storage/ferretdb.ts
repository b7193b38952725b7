import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import type { Logger } from '../log';
import {
  describeExit,
  findFreePort,
  findOnPath,
  forEachLine,
  OutputTail,
  stopChildProcess,
  waitForExit,
} from './child-process';
import type { EmbeddedServer } from './embedded-server';
import { startOwnerWatchdog } from './owner-watchdog';
import { waitForServer } from './ping';

const execFileAsync = promisify(execFile);

/** The FerretDB release ces-bot is tested with. Binaries of other versions are not used. */
export const FERRETDB_VERSION = 'v1.24.2';

/** Database name in the URIs of embedded servers. */
export const EMBEDDED_DATABASE = 'ces-bot';

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;
const PORT_ATTEMPTS = 3;

/** Path where scripts/build-ferretdb.sh puts the binary: `$CES_BOT_CACHE` or ~/.cache/ces-bot. */
export function cachedFerretdbPath(env: NodeJS.ProcessEnv = process.env): string {
  const cacheRoot = env.CES_BOT_CACHE || join(homedir(), '.cache', 'ces-bot');
  return join(cacheRoot, `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

/**
 * Finds a FerretDB binary that reports {@link FERRETDB_VERSION}: `ferretdb` on PATH first, then
 * the cache. Binaries of other versions are skipped with a debug line, and so are binaries from
 * `go install`, which panic on `--version` because their version file is empty.
 */
export async function findFerretdb(log: Logger): Promise<string | undefined> {
  const candidates = [findOnPath('ferretdb'), cachedFerretdbPath()];
  for (const candidate of candidates) {
    if (candidate === undefined || !existsSync(candidate)) continue;

    const version = await readFerretdbVersion(candidate);
    if (version === FERRETDB_VERSION) return candidate;
    log.debug(
      { binary: candidate, version, expected: FERRETDB_VERSION },
      'skipping ferretdb binary',
    );
  }
  return undefined;
}

/**
 * Builds FerretDB into the cache with scripts/build-ferretdb.sh and returns the binary's path.
 * Needs Go. The first build takes one to two minutes, and later calls return the cached binary.
 */
export async function buildFerretdb(log: Logger): Promise<string> {
  const script = findBuildScript();
  log.info(
    { version: FERRETDB_VERSION, binary: cachedFerretdbPath() },
    'building ferretdb once into the cache; this takes one to two minutes',
  );

  // `env` is passed on purpose: under jest, the default would be the runner's real environment
  // instead of the process.env that the caller sees and may have changed.
  const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const output = new OutputTail();
  let binary = '';
  forEachLine(child.stdout, (line) => (binary = line.trim()));
  forEachLine(child.stderr, (line) => {
    output.push(line);
    log.debug({ line }, 'ferretdb build output');
  });

  const code = await waitForExitOrSpawnError(child);
  if (code !== 0 || binary === '') {
    throw new Error(`building FerretDB ${FERRETDB_VERSION} failed (exit ${code}):\n${output}`);
  }
  return binary;
}

export interface StartFerretdbOptions {
  binary: string;
  /** Folder of the SQLite files (`ferretdb/`) and FerretDB's state (`ferretdb-state/`). */
  dataDir: string;
  log: Logger;
  startTimeoutMs?: number;
}

/**
 * Starts FerretDB with its SQLite backend on a free loopback port and resolves once it responds
 * to `ping`. Rejects with FerretDB's last output when it exits first or does not respond in time.
 */
export async function startFerretdb(options: StartFerretdbOptions): Promise<EmbeddedServer> {
  mkdirSync(join(options.dataDir, 'ferretdb'), { recursive: true });
  mkdirSync(join(options.dataDir, 'ferretdb-state'), { recursive: true });

  for (let attempt = 1; ; attempt += 1) {
    const port = await findFreePort();
    try {
      return await launchFerretdb(options, port);
    } catch (error) {
      // Another process may bind the port between findFreePort and FerretDB's own bind.
      const portTaken = /address already in use/i.test(String(error));
      if (!portTaken || attempt === PORT_ATTEMPTS) throw error;
      options.log.debug({ port, attempt }, 'ferretdb port was taken, retrying on another port');
    }
  }
}

async function launchFerretdb(
  options: StartFerretdbOptions,
  port: number,
): Promise<EmbeddedServer> {
  const { binary, dataDir, log } = options;
  const child = spawn(binary, ferretdbArguments(dataDir, port), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withoutFerretdbVariables(process.env),
    // A session of its own, so that a Ctrl-C in the terminal reaches only this process, which
    // then stops FerretDB after its own work. Otherwise FerretDB may exit first, as if it crashed.
    detached: true,
  });
  const watchdog = child.pid === undefined ? undefined : startOwnerWatchdog(child.pid, log);
  // Stopped on any exit, so that it never signals a pid that a later process reuses.
  child.once('exit', () => watchdog?.stop());
  const output = new OutputTail();
  const onLine = (line: string) => {
    output.push(line);
    log.debug({ line }, 'ferretdb output');
  };
  forEachLine(child.stdout, onLine);
  forEachLine(child.stderr, onLine);

  const uri = `mongodb://127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  const ready = await readyOrExited(child, uri, options.startTimeoutMs ?? START_TIMEOUT_MS);
  if (ready !== 'ready') {
    await stopChildProcess(child, STOP_GRACE_MS);
    throw new Error(`FerretDB ${ready} on 127.0.0.1:${port}; its last output:\n${output}`);
  }
  return runningServer(child, uri, { log, output });
}

function ferretdbArguments(dataDir: string, port: number): string[] {
  // FerretDB requires the SQLite URI of a folder, ending in a slash.
  const sqliteUrl = `${pathToFileURL(resolve(dataDir, 'ferretdb')).href}/`;
  return [
    '--handler=sqlite',
    `--sqlite-url=${sqliteUrl}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    '--debug-addr=-',
    `--state-dir=${resolve(dataDir, 'ferretdb-state')}`,
    '--log-level=warn',
  ];
}

/** Drops FERRETDB_* variables, which FerretDB reads as flags, so only our flags configure it. */
function withoutFerretdbVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('FERRETDB_')));
}

async function readyOrExited(child: ChildProcess, uri: string, timeoutMs: number): Promise<string> {
  const stopPinging = new AbortController();
  const exited = waitForExitOrSpawnError(child).then((code) => {
    stopPinging.abort();
    return `exited with ${code} before it accepted connections`;
  });
  const answered = waitForServer(uri, { timeoutMs, signal: stopPinging.signal }).then((ok) =>
    ok ? 'ready' : `did not accept connections within ${timeoutMs} ms`,
  );
  return Promise.race([exited, answered]);
}

function runningServer(
  child: ChildProcess,
  uri: string,
  { log, output }: { log: Logger; output: OutputTail },
): EmbeddedServer {
  // Stops FerretDB when this process exits without calling stop(), so no server is left behind
  // holding the SQLite files. After a SIGKILL of this process, the watchdog stops it instead.
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);

  let stopping: Promise<void> | undefined;
  const unexpectedExit = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      process.removeListener('exit', stopOnExit);
      log.error({ code, signal, lastOutput: output.toString() }, 'ferretdb exited unexpectedly');
      resolve(describeExit(code, signal));
    });
  });
  return {
    uri,
    kind: 'ferretdb',
    pid: child.pid,
    unexpectedExit,
    stop() {
      process.removeListener('exit', stopOnExit);
      stopping ??= stopChildProcess(child, STOP_GRACE_MS);
      return stopping;
    },
  };
}

/** Like waitForExit, but also resolves when the binary could not be started at all. */
function waitForExitOrSpawnError(child: ChildProcess): Promise<number | string> {
  return new Promise((resolve) => {
    child.once('error', (error) =>
      resolve(`error ${(error as NodeJS.ErrnoException).code ?? error.message}`),
    );
    void waitForExit(child).then(resolve);
  });
}

/** Locates the build script from src/storage (ts) or dist/src/storage (compiled js). */
function findBuildScript(): string {
  const candidates = ['../..', '../../..'].map((up) =>
    resolve(__dirname, up, 'scripts', 'build-ferretdb.sh'),
  );
  const script = candidates.find((candidate) => existsSync(candidate));
  if (!script) {
    throw new Error(`scripts/build-ferretdb.sh is missing; looked in ${candidates.join(', ')}`);
  }
  return script;
}

async function readFerretdbVersion(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(binary, ['--version'], { timeout: 10_000 });
    return /^version: (\S+)$/m.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}
