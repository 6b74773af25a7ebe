import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  /** Parsed JSON log lines so far. */
  logs: { msg: string; [field: string]: unknown }[];
  /** Resolves with the first log line whose message is `msg` (and matches `fields`). */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** For a test that failed half-way: ends the process without waiting. */
  kill(): void;
}

/** A real worker process, `node --import tsx workers/main.ts`, on the database and queue prefix given. */
export function spawnWorker(env: {
  MONGO_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  [name: string]: string;
}): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      FETCH_ALLOW_PRIVATE: 'true',
      LOG_LEVEL: 'info',
      WORKER_METRICS_PORT: '0',
      INGEST_BACKOFF_MS: '20',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: WorkerProcess['logs'] = [];
  const waiters: { msg: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  let pending = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as WorkerProcess['logs'][number];
      logs.push(line);
      for (const waiter of waiters.filter((w) => w.msg === line.msg)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    logs,
    exited,
    waitForLog(msg, timeoutMs = 60_000) {
      const seen = logs.find((line) => line.msg === msg);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`worker never logged "${msg}"; stderr: ${stderr.slice(-2000)}`));
        }, timeoutMs);
        waiters.push({
          msg,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void exited.then((code) =>
          reject(
            new Error(`worker exited (${code}) before logging "${msg}"; stderr: ${stderr.slice(-2000)}`),
          ),
        );
      });
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The test services' MongoDB URL with a database of the test's own in its path. */
export function mongoUrlFor(dbName: string): string {
  const url = new URL(process.env.MONGO_URL!);
  url.pathname = `/${dbName}`;
  return url.toString();
}
