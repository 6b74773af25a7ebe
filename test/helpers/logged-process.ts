import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export type LogLine = { msg: string; [field: string]: unknown };

export interface LoggedProcess {
  child: ChildProcess;
  /** Parsed JSON log lines so far (of the process and of any process it forked onto its stdout). */
  logs: LogLine[];
  /** Resolves with the first log line whose message is `msg`. */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** For a test that failed half-way: ends the process without waiting. */
  kill(): void;
}

/** A real long-running process of the project, `node --import tsx ENTRY ARGS…`, logging JSON lines on stdout. */
export function spawnLoggedProcess(entryAndArgs: string[], env: Record<string, string>): LoggedProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...entryAndArgs], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const name = entryAndArgs.join(' ');
  const logs: LogLine[] = [];
  const waiters: { msg: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  let pending = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as LogLine;
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
          reject(new Error(`${name} never logged "${msg}"; stderr: ${stderr.slice(-2000)}`));
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
            new Error(`${name} exited (${code}) before logging "${msg}"; stderr: ${stderr.slice(-2000)}`),
          ),
        );
      });
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
