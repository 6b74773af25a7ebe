import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { connectDatabase } from '../../src/data/database';
import { createQueues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import { runJobfeed } from '../helpers/cli-process';
import { testConfig, uniqueName } from '../helpers/test-config';
import { waitFor } from '../helpers/wait-for';
import { mongoUrlFor } from '../helpers/worker-process';

const ROOT = join(__dirname, '..', '..');

/** The database and queues the demo and the CLI beside it share, private to this test file. */
const ENV = { MONGO_URL: mongoUrlFor(uniqueName('demo')), QUEUE_PREFIX: uniqueName('demo') };

interface RunningDemo {
  child: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: string;
  base: string;
  demoUrl: string;
  stop(): Promise<number | null>;
}

async function startDemo(...args: string[]): Promise<RunningDemo> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'demo', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...ENV, LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stdout = '';
  const demoUrl = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /Open (http:\/\/127\.0\.0\.1:\d+\/demo) /.exec(stdout);
      if (found) resolve(found[1]!);
    });
    void exited.then((code) => reject(new Error(`demo exited with ${code}: ${stdout}`)));
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    base: demoUrl.replace(/\/demo$/, ''),
    demoUrl,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

async function recentJobs(base: string, count: number): Promise<unknown[]> {
  let jobs: unknown[] = [];
  for (let attempt = 0; attempt < 100 && jobs.length < count; attempt++) {
    jobs = ((await (await fetch(`${base}/api/v1/jobs/recent`)).json()) as { jobs: unknown[] }).jobs;
    if (jobs.length < count) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return jobs;
}

const feedsWith = (base: string, apiKey: string) =>
  fetch(`${base}/api/v1/feeds`, { headers: { authorization: `Bearer ${apiKey}` } });

describe('jobfeed demo', () => {
  let demo: RunningDemo | undefined;
  afterEach(async () => {
    await demo?.stop();
    demo = undefined;
  });
  afterAll(async () => {
    const db = await connectDatabase(ENV.MONGO_URL);
    await db.connection.dropDatabase();
    await db.close();
    const redis = createRedis(process.env.REDIS_URL!, 'worker');
    const queues = createQueues(redis, ENV.QUEUE_PREFIX, ingestJobOptions(testConfig().worker));
    await Promise.all([
      queues.ingest.obliterate({ force: true }),
      queues.scheduler.obliterate({ force: true }),
    ]);
    await queues.close();
    await redis.quit();
  });

  test('prints the sample article URL first; the article embeds the widget, which the API serves with jobs', async () => {
    demo = await startDemo('--reset');
    expect(demo.stdout.trim().split('\n')[0]).toBe(
      `Open ${demo.demoUrl} to see the Recent Posts widget on a sample article.`,
    );

    const page = await fetch(demo.demoUrl);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<script async src="/widget.js"></script>');
    expect(html).toMatch(/<div data-jobfeed data-limit="6"[^>]*><\/div>/);

    const widget = await fetch(`${demo.base}/widget.js`);
    expect(widget.status).toBe(200);
    expect(await widget.text()).toContain('attachShadow');

    expect(await recentJobs(demo.base, 6)).toHaveLength(6);
    // Request logs are single readable lines, not pino's JSON; a line is written after its answer, so wait for it.
    const requestLine = /^\d\d:\d\d:\d\d GET \/api\/v1\/jobs\/recent 200 \d+ ms$/m;
    const running = demo;
    await waitFor(() => requestLine.test(running.stderr), 'the request log line of /api/v1/jobs/recent');
  }, 60_000);

  test('a recruiter key made with the CLI beside the demo works on its API, and stays after a restart until --reset', async () => {
    demo = await startDemo();
    const added = await runJobfeed(
      ['recruiters', 'add', '--name', 'Han Staffing', '--email', 'jobs@han.example'],
      ENV,
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const { apiKey } = JSON.parse(added.stdout) as { apiKey: string };
    expect((await feedsWith(demo.base, apiKey)).status).toBe(200);
    expect(await demo.stop()).toBe(0);

    demo = await startDemo();
    expect(demo.stdout).toContain('data of earlier runs kept');
    expect((await feedsWith(demo.base, apiKey)).status).toBe(200);
    // The demo feeds are kept, not added again.
    const db = await connectDatabase(ENV.MONGO_URL);
    try {
      expect((await db.feeds.list({ owner: 'all' })).map((feed) => feed.name).sort()).toEqual([
        'Demo staffing network (Indeed XML)',
        'Newsroom careers (RSS)',
      ]);
    } finally {
      await db.close();
    }
    expect(await demo.stop()).toBe(0);

    demo = await startDemo('--reset');
    expect((await feedsWith(demo.base, apiKey)).status).toBe(401);
  }, 120_000);
});
