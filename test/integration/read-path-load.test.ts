import { performance } from 'node:perf_hooks';
import { Client } from 'undici';
import { startHarness, type Harness } from '../helpers/harness';
import { spawnLoggedProcess, type LoggedProcess } from '../helpers/logged-process';
import { waitFor } from '../helpers/wait-for';
import { mongoUrlFor } from '../helpers/worker-process';

const CONNECTIONS = 100;
/**
 * The load lasts while the feed is re-ingested REINGESTS times, each REINGEST_PAUSE_MS after the last ended (a few
 * seconds), or MAX_REQUESTS. The pause is short against an ingest's writes, so the API processes' version checks,
 * and their entries' max age (CACHE_MAX_AGE_SECONDS 1), often fall while the next ingest is writing.
 */
const REINGESTS = 5;
const REINGEST_PAUSE_MS = 250;
const MAX_REQUESTS = 100_000;
const JOBS = 6;
/** The feed's older postings, not in the list: the listed jobs are spread among them, so a write phase takes long. */
const OLDER = 60;
const ITEMS = JOBS + OLDER;
const PATH = `/api/v1/jobs/recent?limit=${JOBS}`;

/** The recent list as generation `generation` of the feed has it, newest first. */
const listOf = (generation: number) => Array.from({ length: JOBS }, (_, i) => `Gen ${generation} Job ${i}`);

const item = (title: string, id: string, postedAt: Date) => `<item><title>${title}</title>
<link>https://jobs.example.com/load/${id}</link><guid>load-${id}</guid>
<description>Company: Load Test Inc Job description: answer every widget ${id}</description>
<pubDate>${postedAt.toUTCString()}</pubDate></item>`;

/**
 * The partner's feed in generation `generation`: the same jobs and dates, every title carrying the generation, the
 * listed jobs one every OLDER / JOBS items, so their writes are spread over the whole of an ingest's writes.
 */
function feedOf(generation: number, postedAt: Date[]): string {
  const listed = listOf(generation);
  const items: string[] = [];
  for (let k = 0; k < OLDER; k++) {
    if (k % (OLDER / JOBS) === 0) {
      const i = k / (OLDER / JOBS);
      items.push(item(listed[i]!, String(i), postedAt[i]!));
    }
    items.push(
      item(
        `Gen ${generation} Older ${k}`,
        `older-${k}`,
        new Date(postedAt[JOBS - 1]!.getTime() - (k + 1) * 60_000),
      ),
    );
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Load</title>${items.join('')}</channel></rss>`;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

describe('the read path under load while feeds are re-ingested', () => {
  let h: Harness;
  let api: LoggedProcess;

  beforeAll(async () => {
    h = await startHarness({ env: { CACHE_VERSION_CHECK_MS: '100' } });
  });
  afterAll(async () => {
    api?.kill();
    await h.close();
  });

  test(`${CONNECTIONS} connections to 2 API processes see, on every answer, one whole generation of the list, never an older one than before`, async () => {
    const now = Date.now();
    const postedAt = Array.from({ length: JOBS }, (_, i) => new Date(now - (i + 1) * 3_600_000));
    let generation = 1;
    h.fixtures.handle('/load/feed.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedOf(generation, postedAt));
    });
    const feed = await h.db.feeds.create({
      name: 'load',
      url: `${h.fixtures.url}/load/feed.rss`,
      intervalMinutes: 60,
    });
    expect((await h.runFeed(String(feed._id))).status).toBe('succeeded');

    api = spawnLoggedProcess(['src/cli/index.ts', 'api'], {
      MONGO_URL: mongoUrlFor(h.db.connection.name),
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: h.config.queuePrefix,
      API_PROCESSES: '2',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CACHE_VERSION_CHECK_MS: '100',
      CACHE_MAX_AGE_SECONDS: '1',
    });
    const listening = await api.waitForLog('API listening', 90_000);
    const origin = (listening.url as string).replace('localhost', '127.0.0.1');
    // Both processes render the list once before the ingests start: a process's very first render has no consistent
    // answer to fall back on, and may show an ingest half done (see README, "The public read path and its cache").
    // Every later one, whether an entry's max age or a version change brought it, is the cache's to keep whole.
    const renderedBy = () =>
      new Set(
        api.logs
          .filter((l) => l.msg === 'request completed' && (l.req as { url: string }).url === PATH)
          .map((l) => l.pid),
      );
    await waitFor(
      async () => {
        const res = await fetch(`${origin}${PATH}`, { headers: { connection: 'close' } });
        if (!res.ok) return false;
        await res.arrayBuffer();
        return renderedBy().size === 2;
      },
      'both API processes to render the list',
      60_000,
    );

    const problems: string[] = [];
    const latencies: number[] = [];
    const seenGenerations = new Set<number>();
    let requests = 0;
    let stop = false;

    /** One connection asking again as soon as it has its answer. */
    async function connection(index: number): Promise<void> {
      const client = new Client(origin, { pipelining: 1 });
      let last = 0;
      try {
        while (!stop && requests < MAX_REQUESTS) {
          requests++;
          const startedAt = performance.now();
          try {
            const res = await client.request({ path: PATH, method: 'GET' });
            const text = await res.body.text();
            latencies.push(performance.now() - startedAt);
            if (res.statusCode !== 200) {
              problems.push(`connection ${index}: ${res.statusCode} ${text.slice(0, 200)}`);
              continue;
            }
            const titles = (JSON.parse(text) as { jobs: { title: string }[] }).jobs.map((job) => job.title);
            const answered = Number(/^Gen (\d+) /.exec(titles[0] ?? '')?.[1]);
            if (JSON.stringify(titles) !== JSON.stringify(listOf(answered)))
              problems.push(`connection ${index}: not one generation's list: ${titles.join(', ')}`);
            else if (answered < last)
              problems.push(`connection ${index}: generation ${answered} after ${last}`);
            else {
              last = answered;
              seenGenerations.add(answered);
            }
          } catch (error) {
            problems.push(`connection ${index}: ${(error as Error).message}`);
          }
        }
      } finally {
        await client.close();
      }
    }

    /** A new generation of the feed, ingested by the worker (which bumps the postings version), almost back to back. */
    async function reingest(): Promise<number> {
      let runs = 0;
      while (runs < REINGESTS) {
        await new Promise((resolve) => setTimeout(resolve, REINGEST_PAUSE_MS));
        generation++;
        const run = await h.runFeed(String(feed._id));
        if (run.status !== 'succeeded' || run.counts.updated !== ITEMS)
          problems.push(`ingest of generation ${generation}: ${run.status}, ${JSON.stringify(run.counts)}`);
        runs++;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      stop = true;
      return runs;
    }

    const loadStartedAt = performance.now();
    const [runs] = await Promise.all([
      reingest(),
      ...Array.from({ length: CONNECTIONS }, (_, i) => connection(i)),
    ]).finally(() => (stop = true));
    const seconds = (performance.now() - loadStartedAt) / 1000;

    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `read path under load: ${requests} requests in ${seconds.toFixed(1)} s over ${CONNECTIONS} connections ` +
        `(${Math.round(requests / seconds)}/s), p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(sorted, 99).toFixed(1)} ms; ${runs} re-ingests, generations seen ${[...seenGenerations].sort((a, b) => a - b).join(', ')}`,
    );

    expect(problems.slice(0, 20)).toEqual([]);
    expect(latencies).toHaveLength(requests);
    expect(runs).toBe(REINGESTS);
    // The caches were invalidated under load, and both processes end on the last generation ingested.
    expect(seenGenerations.size).toBeGreaterThanOrEqual(2);
    const client = new Client(origin);
    for (let answers = 0; answers < 4; answers++) {
      const latest = await waitFor(async () => {
        const res = await client.request({ path: PATH, method: 'GET', reset: true });
        const { jobs } = (await res.body.json()) as { jobs: { title: string }[] };
        return jobs[0]?.title.startsWith(`Gen ${generation} `) && jobs;
      }, `answers of generation ${generation}`);
      expect(latest.map((job) => job.title)).toEqual(listOf(generation));
    }
    await client.close();

    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  }, 180_000);
});
