import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

export interface LintResult {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

/**
 * `redocly lint --config redocly.yaml` of a document, as `npx @redocly/cli lint` runs it: the installed CLI, offline
 * (no telemetry, no update check), its JSON report parsed. A report of errors exits non-zero; that is returned too.
 */
export async function redoclyLint(document: unknown): Promise<LintResult> {
  const dir = await mkdtemp(join(tmpdir(), 'jobfeed-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document, null, 2));
    const args = [CLI, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format=json'];
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    const stdout = await promisify(execFile)(process.execPath, args, { env, cwd: dir, timeout: 20_000 }).then(
      (result) => result.stdout,
      (error: { stdout?: string; code?: number }) => {
        if (error.code === 1 && error.stdout) return error.stdout;
        throw error;
      },
    );
    return JSON.parse(stdout) as LintResult;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
