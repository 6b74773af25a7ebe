import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './child-process';

export interface ApiProcess {
  url: string;
  /** SIGTERM, then waits for the exit (every process drained). */
  stop(): Promise<void>;
}

/**
 * The built `jobfeed api` (dist/, as `npm start` runs it) with `env` added, once it is listening: with
 * API_PROCESSES > 1, once every process is.
 */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/src/cli/index.js'), 'api'], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = Number(env.API_PROCESSES ?? 1) > 1 ? 'API processes started' : 'API listening';
  const url = await new Promise<string>((resolve, reject) => {
    let pending = '';
    let listeningAt: string | undefined;
    let readySeen = false;
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const text of lines) {
        const line = JSON.parse(text) as { msg: string; url?: string };
        if (line.msg === 'API listening') listeningAt ??= line.url;
        if (line.msg === ready) readySeen = true;
        if (readySeen && listeningAt) resolve(listeningAt.replace('localhost', '127.0.0.1'));
      }
    });
    void exited.then((code) => reject(new Error(`jobfeed api exited (${code}) before listening: ${stderr}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`jobfeed api stopped with ${code}: ${stderr.slice(-2000)}`);
    },
  };
}
