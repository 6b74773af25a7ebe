import { spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export interface ServerSpec {
  /** The executable's name; the server's command line contains it even after a process title change. */
  name: string;
  command: string;
  args: string[];
  /** Created if missing. */
  dataDir: string;
  logFile: string;
  /** Let the server outlive this process. */
  detached: boolean;
  /** True once the server answers and reports `pid` as its own (not another server on the same port). */
  isReady: (pid: number) => Promise<boolean>;
  startupTimeoutMs: number;
}

export interface ServerProcess {
  pid: number;
  name: string;
  stop(): Promise<void>;
}

export function findExecutable(name: string, fallbacks: string[] = []): string | undefined {
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name));
  return [...onPath, ...fallbacks].find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

export async function startServer(spec: ServerSpec): Promise<ServerProcess> {
  mkdirSync(spec.dataDir, { recursive: true });
  const log = openSync(spec.logFile, 'w');
  const child = spawn(spec.command, spec.args, { detached: spec.detached, stdio: ['ignore', log, log] });
  closeSync(log);
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  const killOnExit = (): void => void child.kill('SIGKILL');
  if (spec.detached) child.unref();
  else process.once('exit', killOnExit);

  const pid = await waitUntilReady(child, spec, () => spawnError).catch((error: unknown) => {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    throw error;
  });
  return {
    pid,
    name: spec.name,
    stop: async () => {
      process.off('exit', killOnExit);
      await stopServer(pid, spec.name);
    },
  };
}

async function waitUntilReady(
  child: ChildProcess,
  spec: ServerSpec,
  spawnError: () => Error | undefined,
): Promise<number> {
  const deadline = Date.now() + spec.startupTimeoutMs;
  for (;;) {
    const timedOut = Date.now() > deadline ? `no answer after ${spec.startupTimeoutMs / 1000}s` : undefined;
    const failure = spawnError()?.message ?? exitDescription(child) ?? timedOut;
    if (failure) {
      throw new Error(
        `${spec.name} did not start (${failure}); ${spec.logFile} ends with:\n${tail(spec.logFile)}`,
      );
    }
    if (child.pid !== undefined && (await spec.isReady(child.pid))) return child.pid;
    await delay(100);
  }
}

/** True when `pid` is alive and its command line contains `name`; a zombie's command line is empty. */
export function isServerRunning(pid: number, name: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name);
  } catch {
    if (existsSync('/proc/self')) return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function stopServer(pid: number, name: string, timeoutMs = 10_000): Promise<void> {
  if (!isServerRunning(pid, name)) return;
  signal(pid, 'SIGTERM');
  if (await exited(pid, name, timeoutMs)) return;
  signal(pid, 'SIGKILL');
  if (!(await exited(pid, name, 2_000))) throw new Error(`process ${pid} survived SIGKILL`);
}

async function exited(pid: number, name: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isServerRunning(pid, name)) {
    if (Date.now() > deadline) return false;
    await delay(50);
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function exitDescription(child: ChildProcess): string | undefined {
  if (child.signalCode) return `killed by ${child.signalCode}`;
  if (child.exitCode !== null) return `exited with code ${child.exitCode}`;
  return undefined;
}

function tail(file: string, lines = 20): string {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  return text.trimEnd().split('\n').slice(-lines).join('\n') || '(empty)';
}
