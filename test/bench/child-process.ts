import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const BENCH_OUTPUT = path.join(REPO_ROOT, 'test-output', 'bench');

/**
 * Bundles a bench entry (and the src/ code it imports) into plain JavaScript, so its child process runs on bare
 * node: no TypeScript loader in the process whose memory and time are measured. Packages stay external.
 */
export async function bundleEntry(entry: string): Promise<string> {
  mkdirSync(BENCH_OUTPUT, { recursive: true });
  const outfile = path.join(BENCH_OUTPUT, `${path.basename(entry, '.ts')}.js`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return outfile;
}

/** Runs node with `args`; resolves with stdout when it exits 0, rejects with its stderr otherwise. */
export function runNode(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(
          new Error(
            `node ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${Buffer.concat(err).toString('utf8').slice(-2000)}`,
          ),
        );
    });
  });
}
