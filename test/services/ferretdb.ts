import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { findExecutable } from './server-process';

export const FERRETDB_VERSION = '1.24.2';

const repoRoot = path.resolve(__dirname, '../..');
const sourceDir = path.join(__dirname, 'ferretdb');

/** The binary's name carries a hash of its sources, so editing them triggers a rebuild. */
export function ferretdbBinaryPath(): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(path.join(sourceDir, file)));
  return path.join(repoRoot, '.services', 'bin', `ferretdb-${hash.digest('hex').slice(0, 12)}`);
}

export async function ensureFerretdbBinary(): Promise<string> {
  const binary = ferretdbBinaryPath();
  if (existsSync(binary)) return binary;

  const go = findExecutable('go', ['/usr/local/go/bin/go']);
  if (!go) {
    throw new Error(
      'Building the FerretDB helper needs Go >= 1.24, but `go` is neither on PATH nor at /usr/local/go/bin/go. ' +
        'Install Go (https://go.dev/dl/), or install mongod, or set MONGO_URL.',
    );
  }

  mkdirSync(path.dirname(binary), { recursive: true });
  // Concurrent builders each write their own file; rename is atomic, so the binary is never half-written.
  const partial = `${binary}.${process.pid}.partial`;
  const started = Date.now();
  const elapsed = (): string => `${Math.round((Date.now() - started) / 1000)}s`;
  process.stderr.write(`building FerretDB ${FERRETDB_VERSION} helper (first run only, ~3 min)…\n`);
  const heartbeat = setInterval(
    () => process.stderr.write(`  still building FerretDB (${elapsed()})…\n`),
    30_000,
  );
  try {
    await runGo(go, ['build', '-buildvcs=false', '-o', partial, '.']);
    renameSync(partial, binary);
  } finally {
    clearInterval(heartbeat);
    rmSync(partial, { force: true });
  }
  process.stderr.write(`built ${path.relative(repoRoot, binary)} in ${elapsed()}\n`);
  return binary;
}

function runGo(go: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, { cwd: sourceDir, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`go ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

if (require.main === module) {
  ensureFerretdbBinary().then(
    (binary) => console.log(binary),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
