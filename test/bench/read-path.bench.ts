import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import { loadConfig } from '../../config';
import { startApi } from '../../src/api/server';
import { createQueues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { connectDatabase } from '../../src/data/database';
import { createLogger } from '../../src/logger';
import { connectProducer } from '../../src/queue/redis';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { startApiProcess, type ApiProcess } from './api-process';
import type { Bench, BenchRow } from './bench';

/** Headers each answer makes anew (the request id) or the connection sets; the rest are the same bytes every time. */
const PER_REQUEST_HEADERS = new Set([
  'date',
  'connection',
  'keep-alive',
  'x-request-id',
  'transfer-encoding',
]);

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
// autocannon ships no types; this is the part of its API used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const PATH = '/api/v1/jobs/recent?limit=6';
const TARGET_RATIO = 0.8;
/** 10 s of load per server as specified; BENCH_DURATION_S shortens a trial run. */
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

async function slice(url: string, seconds: number): Promise<AutocannonResult> {
  // One worker thread generates the load, so it does not share the event loop with the servers under test.
  const result = await autocannon({ url, connections: 100, duration: seconds, workers: 1 });
  if (result.non2xx || result.errors)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * DURATION_S of load on each server, in alternating slices of at least 2 s (after a 1 s warm-up each), so a
 * machine whose load drifts during the run (CI, shared cores) weighs on both sides alike.
 */
async function compare(
  urls: { ours: string; baseline: string },
  sides: string,
  progress: (message: string) => void,
) {
  const rounds = Math.max(1, Math.floor(DURATION_S / 2));
  const seconds = DURATION_S / rounds;
  const results = { ours: [] as AutocannonResult[], baseline: [] as AutocannonResult[] };
  await slice(urls.baseline, 1);
  await slice(urls.ours, 1);
  for (let round = 1; round <= rounds; round++) {
    progress(`read path: round ${round}/${rounds}, ${seconds} s each on ${sides}`);
    results.baseline.push(await slice(urls.baseline, seconds));
    results.ours.push(await slice(urls.ours, seconds));
  }
  const summary = (all: AutocannonResult[]): Measured => ({
    requestsPerSecond: Math.round(all.reduce((sum, r) => sum + r.requests.average, 0) / all.length),
    p50: median(all.map((r) => r.latency.p50)),
    p99: median(all.map((r) => r.latency.p99)),
  });
  return { ours: summary(results.ours), baseline: summary(results.baseline) };
}

const ms = (value: number) => `${value} ms`;

/**
 * The built `jobfeed api` with API_PROCESSES=2 against the same with 1, on the seeded database: both running, the
 * load alternating between them, from the same load generator.
 */
async function compareProcessCounts(
  context: Parameters<Bench>[0],
  dbName: string,
  queuePrefix: string,
): Promise<BenchRow> {
  const mongoUrl = new URL(context.mongoUrl);
  mongoUrl.pathname = `/${dbName}`;
  const env = {
    MONGO_URL: mongoUrl.toString(),
    REDIS_URL: context.redisUrl,
    QUEUE_PREFIX: queuePrefix,
    PORT: '0',
    HOST: '127.0.0.1',
  };
  const started: ApiProcess[] = [];
  try {
    const one = await startApiProcess({ ...env, API_PROCESSES: '1' });
    started.push(one);
    const two = await startApiProcess({ ...env, API_PROCESSES: '2' });
    started.push(two);
    const { ours, baseline } = await compare(
      { ours: `${two.url}${PATH}`, baseline: `${one.url}${PATH}` },
      'jobfeed api with 1 and with 2 processes',
      context.progress,
    );
    return {
      name: 'GET /api/v1/jobs/recent, requests/s, API_PROCESSES=2 vs 1 (100 connections, same host)',
      ours: `${ours.requestsPerSecond} (p99 ${ms(ours.p99)})`,
      baseline: `${baseline.requestsPerSecond} (p99 ${ms(baseline.p99)}), 1 process`,
      ratio: `${(ours.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}×`,
      target: '—',
      met: null,
    };
  } finally {
    await Promise.all(started.map((api) => api.stop()));
  }
}

/**
 * GET /api/v1/jobs/recent on the real API (seeded postings, read cache warm) against a bare node:http server
 * answering the same bytes, in the same process and run.
 */
export const readPathBench: Bench = async (context) => {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const config = loadConfig({
    MONGO_URL: context.mongoUrl,
    REDIS_URL: context.redisUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `bench_${suffix}`,
  });
  const db = await connectDatabase(config.mongoUrl, { dbName: `jobfeed_bench_${suffix}` });
  const redis = await connectProducer(config);
  let bare: Server | undefined;
  const queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
  const api = await startApi({ config, db, logger: createLogger(config), redis, queues });
  try {
    const now = Date.now();
    await seedPostings(
      db,
      new Types.ObjectId(),
      Array.from({ length: 40 }, (_, i) =>
        preparedPosting(`bench-${i}`, {
          title: `Software Engineer ${i}`,
          snippet: 'Build and run the services behind a busy job board. '.repeat(3).slice(0, 160),
          postedAt: new Date(now - i * 3_600_000),
        }),
      ),
      new Date(),
    );
    const apiUrl = `${api.url}${PATH}`;
    const first = await fetch(apiUrl, { headers: { 'accept-encoding': 'identity' } });
    const body = Buffer.from(await first.arrayBuffer());
    if (!first.ok || !JSON.parse(body.toString()).jobs.length) throw new Error('the API returned no jobs');
    // The same bytes, headers included: every answer carries the security headers, so the floor sends them too.
    const headers = Object.fromEntries(
      [...first.headers].filter(([name]) => !PER_REQUEST_HEADERS.has(name.toLowerCase())),
    );

    bare = createServer((_req, res) => {
      res.writeHead(200, headers);
      res.end(body);
    });
    await new Promise<void>((resolve) => bare!.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}${PATH}`;

    const { ours, baseline } = await compare(
      { ours: apiUrl, baseline: bareUrl },
      'bare node:http and jobfeed',
      context.progress,
    );
    const ratio = ours.requestsPerSecond / baseline.requestsPerSecond;
    const rows: BenchRow[] = [
      {
        name: 'GET /api/v1/jobs/recent, requests/s (100 connections)',
        ours: `${ours.requestsPerSecond}`,
        baseline: `${baseline.requestsPerSecond} (bare node:http, same bytes and headers)`,
        ratio: `${ratio.toFixed(2)}×`,
        target: `≥ ${TARGET_RATIO}×`,
        met: ratio >= TARGET_RATIO,
      },
      {
        name: 'GET /api/v1/jobs/recent, p50 / p99 latency',
        ours: `${ms(ours.p50)} / ${ms(ours.p99)}`,
        baseline: `${ms(baseline.p50)} / ${ms(baseline.p99)}`,
        ratio: `${(ours.p99 / Math.max(1, baseline.p99)).toFixed(2)}× (p99)`,
        target: '—',
        met: null,
      },
    ];
    rows.push(await compareProcessCounts(context, db.connection.name, config.queuePrefix));
    return rows;
  } finally {
    await new Promise((resolve) => (bare ? bare.close(resolve) : resolve(undefined)));
    await api.close();
    await queues.close();
    await db.connection.dropDatabase();
    await db.close();
    await redis.quit();
  }
};
