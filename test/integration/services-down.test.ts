import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runJobfeed } from '../helpers/cli-process';
import { freePort } from '../services/local-services';
import { uniqueName } from '../helpers/test-config';

const ROOT = join(__dirname, '..', '..');
/** Nothing listens on port 1: connections are refused at once, as when the service is down. */
const REDIS_DOWN = 'redis://127.0.0.1:1';
const MONGO_DOWN = 'mongodb://127.0.0.1:1/jobfeed';
const REDIS_LINE =
  'Redis is not reachable at REDIS_URL (connect ECONNREFUSED 127.0.0.1:1): check the URL and that Redis is running';
const MONGO_LINE =
  'MongoDB is not reachable at MONGO_URL (connect ECONNREFUSED 127.0.0.1:1): check the URL and that the server is running';
/** A guard against hangs (the old behaviour), not a measure of speed. */
const HANG_GUARD_MS = 20_000;

function mongoUrl(): string {
  const url = new URL(process.env.MONGO_URL!);
  url.pathname = `/${uniqueName('services_down')}`;
  return url.href;
}

describe('with Redis down', () => {
  const env = () => ({ REDIS_URL: REDIS_DOWN, MONGO_URL: mongoUrl() });

  // `feeds run` (MongoDB and Redis) is covered in cli.test.ts.
  test.each([
    [['feeds', 'add', '--url', 'https://partner.example/a.xml', '--name', 'A']],
    [['jobs', 'retry-failed']],
    [['worker']],
    [['demo']],
  ])('`jobfeed %p` stops with one line naming REDIS_URL and exit code 1', async (args) => {
    const result = await runJobfeed(args, env(), { timeoutMs: HANG_GUARD_MS });
    expect(result).toEqual({ code: 1, stdout: '', stderr: `jobfeed: ${REDIS_LINE}\n`, killed: false });
  });

  test('the worker entry of the image (workers/main.ts) stops the same way', async () => {
    const result = await runJobfeed([], env(), { timeoutMs: HANG_GUARD_MS, entry: 'workers/main.ts' });
    expect(result).toEqual({ code: 1, stdout: '', stderr: `jobfeed worker: ${REDIS_LINE}\n`, killed: false });
  });

  test.each([[['recruiters', 'list']], [['publishers', 'list']], [['feeds', 'list']]])(
    '`jobfeed %p` only reads MongoDB and answers without Redis',
    async (args) => {
      const result = await runJobfeed(args, env(), { timeoutMs: HANG_GUARD_MS });
      expect(result).toMatchObject({ code: 0, stderr: '', killed: false });
      expect(JSON.parse(result.stdout)).toEqual([]);
    },
  );

  test('`jobfeed api` starts, serves the recent list uncached and the recruiter API unlimited, says on /readyz that Redis failed, and logs the outage once', async () => {
    const port = await freePort();
    const services = env();
    const added = await runJobfeed(
      ['recruiters', 'add', '--name', 'Han Staffing', '--email', 'jobs@han.example'],
      services,
      { timeoutMs: HANG_GUARD_MS },
    );
    const { apiKey } = JSON.parse(added.stdout) as { apiKey: string };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'api'], {
      cwd: ROOT,
      env: { ...process.env, ...services, LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1' },
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS * 2);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('"msg":"API listening"')) resolve();
        });
        void exited.then((code) => reject(new Error(`api exited with ${code}: ${stderr}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const recent = await fetch(`${base}/api/v1/jobs/recent`);
      expect(recent.status).toBe(200);
      expect(await recent.json()).toEqual({ jobs: [] });
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { mongodb: 'ok', redis: 'failed' } });
      expect((await fetch(`${base}/metrics`)).status).toBe(200);
      // Both rate limits fail open: the one on failed authentications and the one per API key.
      for (let i = 0; i < 3; i++) {
        const wrongKey = await fetch(`${base}/api/v1/feeds`, { headers: { authorization: 'Bearer wrong' } });
        expect(wrongKey.status).toBe(401);
        const feeds = await fetch(`${base}/api/v1/feeds`, { headers: { authorization: `Bearer ${apiKey}` } });
        expect(feeds.status).toBe(200);
        expect(feeds.headers.get('ratelimit')).toBeNull();
      }
    } finally {
      child.kill('SIGTERM');
      clearTimeout(guard);
    }
    expect(await exited).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; level: number });
    const messages = lines.map((line) => line.msg);
    // One warning for the outage, however many reconnect attempts and rate-limited requests it saw; no error per
    // attempt or per request.
    expect(
      messages.filter((msg) => msg === 'Redis is not reachable at REDIS_URL; reconnecting'),
    ).toHaveLength(1);
    expect(messages).not.toContain('redis error');
    expect(messages.filter((msg) => /error from store/.test(msg))).toEqual([]);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(stderr).toBe('');
  }, 60_000);
});

describe('with MongoDB down', () => {
  test.each([[['recruiters', 'list']], [['api']], [['worker']]])(
    '`jobfeed %p` stops with one line naming MONGO_URL and exit code 1, well before the driver default',
    async (args) => {
      // 10 s: the old 10 s server selection plus start-up could not finish within it; a 2 s check can.
      const result = await runJobfeed(args, { MONGO_URL: MONGO_DOWN }, { timeoutMs: 10_000 });
      expect(result).toEqual({ code: 1, stdout: '', stderr: `jobfeed: ${MONGO_LINE}\n`, killed: false });
    },
  );
});
