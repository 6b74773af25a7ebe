import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { bumpPostingsVersion } from '../../src/cache/postings-version';
import { connectDatabase, type Database } from '../../src/data/database';
import { createRedis } from '../../src/queue/redis';
import { runJobfeed } from '../helpers/cli-process';
import { sampleValue } from '../helpers/prometheus';
import { spawnLoggedProcess, type LoggedProcess, type LogLine } from '../helpers/logged-process';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { uniqueName } from '../helpers/test-config';
import { waitFor } from '../helpers/wait-for';
import { mongoUrlFor } from '../helpers/worker-process';

const PATH = '/api/v1/jobs/recent?limit=3';

interface Answer {
  pid: number;
  status: number;
  titles: string[];
}

/** The recent list with the titles of one edition: `${edition} 0`, `${edition} 1`, … */
function edition(name: string) {
  return Array.from({ length: 3 }, (_, i) =>
    preparedPosting(`job-${i}`, { title: `${name} ${i}`, postedAt: new Date(Date.UTC(2026, 10, 20 - i)) }),
  );
}

/** The process that answered a request, from its log line (a request log line carries the process's pid). */
function answeringPid(logs: LogLine[], reqId: string): number | undefined {
  const line = logs.find((l) => l.reqId === reqId || (l.req as { id?: string } | undefined)?.id === reqId);
  return line ? (line.pid as number) : undefined;
}

describe('jobfeed api with API_PROCESSES=2', () => {
  const dbName = uniqueName('api_processes');
  const prefix = uniqueName('api_processes');
  const feedId = new Types.ObjectId();
  let db: Database;
  let redis: Redis;
  let api: LoggedProcess;
  let base: string;
  let requests = 0;

  /** One request on a connection of its own (the cluster hands each connection to the next process). */
  function getOnce(path: string, reqId: string) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      get(`${base}${path}`, { agent: false, headers: { 'x-request-id': reqId } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      }).on('error', reject);
    });
  }

  async function ask(): Promise<Answer> {
    const reqId = `${prefix}-${++requests}`;
    const { status, body } = await getOnce(PATH, reqId);
    // The request log line is written after the answer.
    const pid = await waitFor(() => answeringPid(api.logs, reqId), `the log line of request ${reqId}`);
    const titles =
      status === 200 ? (JSON.parse(body) as { jobs: { title: string }[] }).jobs.map((j) => j.title) : [];
    return { pid, status, titles };
  }

  const workerPids = () =>
    new Set(api.logs.filter((l) => l.msg === 'API process listening').map((l) => l.pid as number));

  beforeAll(async () => {
    db = await connectDatabase(mongoUrlFor(dbName));
    redis = createRedis(process.env.REDIS_URL!, 'worker');
    await seedPostings(db, feedId, edition('First'));
    await db.feeds.create({ name: 'one feed', url: 'https://partner.example/jobs.xml', intervalMinutes: 60 });
    await bumpPostingsVersion(redis, prefix);
    api = spawnLoggedProcess(['src/cli/index.ts', 'api'], {
      MONGO_URL: mongoUrlFor(dbName),
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: prefix,
      API_PROCESSES: '2',
      PORT: '0',
      HOST: '127.0.0.1',
      // The read cache's fast path logs the requests it answers at debug level only.
      LOG_LEVEL: 'debug',
      CACHE_VERSION_CHECK_MS: '100',
    });
    await api.waitForLog('API processes started', 90_000);
    base = (api.logs.find((l) => l.msg === 'API listening')!.url as string).replace('localhost', '127.0.0.1');
  }, 120_000);

  afterAll(async () => {
    api.kill();
    for (const pid of workerPids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await db.connection.dropDatabase();
    await db.close();
    await redis.quit();
  });

  test('both processes serve the list from their own cache, and once postings change and the version moves, each shows the new list and never the old one again', async () => {
    const pids = workerPids();
    expect(pids.size).toBe(2);
    const before: Answer[] = [];
    while (
      before.length < 40 &&
      !(before.length >= 6 && [...pids].every((pid) => before.filter((a) => a.pid === pid).length >= 3))
    )
      before.push(await ask());
    expect(before.every((a) => a.status === 200)).toBe(true);
    expect(new Set(before.map((a) => a.pid))).toEqual(pids);
    expect(new Set(before.map((a) => a.titles.join('|')))).toEqual(new Set(['First 0|First 1|First 2']));
    const servedFromCache = new Set(api.logs.filter((l) => l.msg === 'served from cache').map((l) => l.pid));
    expect(servedFromCache).toEqual(pids);

    // A scrape reaches one process and answers for all: request counts add up, shared state is counted once.
    const cachedAnswers = api.logs.filter((l) => l.msg === 'served from cache' && l.url === PATH).length;
    for (let scrape = 1; scrape <= 2; scrape++) {
      const metrics = await getOnce('/metrics', `${prefix}-metrics-${scrape}`);
      expect(metrics.status).toBe(200);
      expect(
        sampleValue(metrics.body, 'jobfeed_http_request_duration_seconds_count', { route: '(read cache)' }),
      ).toBe(cachedAnswers);
      expect(sampleValue(metrics.body, 'jobfeed_feeds', { status: 'active' })).toBe(1);
    }

    await seedPostings(db, feedId, edition('Second'));
    // Until the version moves, each process keeps answering from its cache.
    const stale = await ask();
    expect(stale.titles).toEqual(['First 0', 'First 1', 'First 2']);
    await bumpPostingsVersion(redis, prefix);

    const after: Answer[] = [];
    const showsNew = (a: Answer) => a.titles.join('|') === 'Second 0|Second 1|Second 2';
    await waitFor(
      async () => {
        after.push(await ask());
        return [...pids].every((pid) => after.some((a) => a.pid === pid && showsNew(a)));
      },
      'both processes to show the new list',
      30_000,
    );
    for (let i = 0; i < 10; i++) after.push(await ask());

    expect(after.every((a) => a.status === 200)).toBe(true);
    for (const pid of pids) {
      const mine = after.filter((a) => a.pid === pid);
      const firstNew = mine.findIndex(showsNew);
      // Every answer is the old list or the new one, and after the first new one, only the new one.
      expect(mine.slice(0, firstNew).every((a) => a.titles.join('|') === 'First 0|First 1|First 2')).toBe(
        true,
      );
      expect(mine.slice(firstNew).every(showsNew)).toBe(true);
    }
    expect(new Set(after.slice(-10).map((a) => a.pid))).toEqual(pids);
  }, 120_000);

  test('a process that dies is restarted and answers; SIGTERM drains every process and stops the primary with 0', async () => {
    const [victim, survivor] = [...workerPids()];
    process.kill(victim!, 'SIGKILL');
    const died = await api.waitForLog('API process died; restarting it');
    expect(died).toMatchObject({ pid: victim, signal: 'SIGKILL', level: 50 });
    await waitFor(() => workerPids().size === 3, 'the restarted process to listen', 60_000);
    const replacement = [...workerPids()].find((pid) => pid !== victim && pid !== survivor)!;

    const answers: Answer[] = [];
    while (answers.length < 20 && !answers.some((a) => a.pid === replacement)) answers.push(await ask());
    expect(answers.filter((a) => a.pid === replacement)[0]).toMatchObject({
      status: 200,
      titles: ['Second 0', 'Second 1', 'Second 2'],
    });

    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    for (const pid of [survivor!, replacement]) {
      expect(api.logs.some((l) => l.pid === pid && l.msg === 'shutdown complete')).toBe(true);
      expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    }
  }, 120_000);

  test.each([
    ['PORT is taken', 'EADDRINUSE'],
    ['MongoDB is down', 'MongoDB is not reachable at MONGO_URL'],
  ])(
    'when a process cannot start (%s), `jobfeed api` stops them all and exits 1',
    async (cause, reported) => {
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      try {
        const result = await runJobfeed(
          ['api'],
          {
            MONGO_URL: cause === 'MongoDB is down' ? 'mongodb://127.0.0.1:1/jobfeed' : mongoUrlFor(dbName),
            REDIS_URL: process.env.REDIS_URL!,
            QUEUE_PREFIX: prefix,
            API_PROCESSES: '2',
            HOST: '127.0.0.1',
            PORT: cause === 'PORT is taken' ? String((taken.address() as AddressInfo).port) : '0',
            LOG_LEVEL: 'info',
          },
          { timeoutMs: 90_000 },
        );
        expect(result).toMatchObject({ code: 1, killed: false });
        expect(result.stdout).toContain('API process failed to start; stopping the others');
        expect(`${result.stdout}${result.stderr}`).toContain(reported);
      } finally {
        taken.close();
      }
    },
    120_000,
  );

  test('a bad API_PROCESSES stops `jobfeed api` before it forks anything, naming the variable', async () => {
    for (const value of ['0', '65', 'two']) {
      const result = await runJobfeed(['api'], { API_PROCESSES: value }, { timeoutMs: 60_000 });
      expect(result).toMatchObject({ code: 2, killed: false });
      expect(result.stderr).toContain(`API_PROCESSES: `);
      expect(result.stderr).toContain(`(got "${value}")`);
    }
  }, 120_000);
});
