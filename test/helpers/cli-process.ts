import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the process was still running after `timeoutMs` and was killed. */
  killed: boolean;
}

/**
 * Runs the real `jobfeed` CLI (its source, through tsx) with `env` added to this process's; resolves on exit. With
 * `timeoutMs`, a process still running then is killed (a guard against hangs, reported as `killed`).
 */
export function runJobfeed(
  args: string[],
  env: Record<string, string> = {},
  options: { timeoutMs?: number; entry?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', options.entry ?? 'src/cli/index.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
  });
}
