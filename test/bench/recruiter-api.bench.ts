import { loadConfig } from '../../config';
import { startApi } from '../../src/api/server';
import { connectDatabase } from '../../src/data/database';
import { createLogger } from '../../src/logger';
import { createQueues } from '../../src/queue/queues';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { createRedis } from '../../src/queue/redis';
import type { Bench, BenchRow } from './bench';

const DURATION_S = 5;

interface AutocannonResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no type declarations; this names the little of its result the bench reads.
const AUTOCANNON: string = 'autocannon';

async function measure(url: string, headers: Record<string, string> = {}) {
  const { default: autocannon } = (await import(AUTOCANNON)) as { default: Autocannon };
  const result = await autocannon({ url, headers, connections: 10, duration: DURATION_S });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx };
}

/**
 * What the recruiter API's per-request work costs (bearer key lookup in MongoDB, rate-limit counter in Redis, the
 * owner's feed list with active counts) against /healthz on the same process as the baseline.
 */
export const recruiterApiBench: Bench = async (context) => {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const config = loadConfig({
    MONGO_URL: context.mongoUrl,
    REDIS_URL: context.redisUrl,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    QUEUE_PREFIX: `bench_${suffix}`,
    RATE_LIMIT_MAX: '1000000',
  });
  const db = await connectDatabase(config.mongoUrl, { dbName: `bench_recruiters_${suffix}` });
  const redis = createRedis(config.redisUrl, 'worker');
  const queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
  const api = await startApi({ config, db, logger: createLogger(config), redis, queues });
  try {
    const { account: recruiter, apiKey } = await db.recruiters.create({
      name: 'Bench',
      email: `bench-${suffix}@example.com`,
    });
    for (let i = 0; i < 10; i++)
      await db.feeds.create({
        name: `Feed ${i}`,
        url: `https://feeds.example.com/${i}.xml`,
        intervalMinutes: 60,
        recruiterId: recruiter._id,
      });
    context.progress('recruiter API: /healthz baseline');
    const baseline = await measure(`${api.url}/healthz`);
    context.progress('recruiter API: GET /api/v1/feeds');
    const ours = await measure(`${api.url}/api/v1/feeds`, { authorization: `Bearer ${apiKey}` });
    if (ours.non2xx) throw new Error(`GET /api/v1/feeds answered ${ours.non2xx} non-2xx responses`);
    const row: BenchRow = {
      name: `GET /api/v1/feeds (10 feeds; key lookup + Redis rate limit), 10 connections, ${DURATION_S} s`,
      ours: `${Math.round(ours.rps)} req/s, p99 ${ours.p99} ms`,
      baseline: `/healthz ${Math.round(baseline.rps)} req/s, p99 ${baseline.p99} ms`,
      ratio: `${(ours.rps / baseline.rps).toFixed(2)}×`,
      target: '—',
      met: null,
    };
    return [row];
  } finally {
    await api.close();
    await queues.close();
    redis.disconnect();
    await db.connection.dropDatabase();
    await db.close();
  }
};

if (require.main === module) {
  const { MONGO_URL, REDIS_URL } = process.env;
  if (!MONGO_URL || !REDIS_URL) throw new Error('set MONGO_URL and REDIS_URL (npm run services writes them)');
  recruiterApiBench({
    mongoUrl: MONGO_URL,
    redisUrl: REDIS_URL,
    mongoKind: process.env.MONGO_KIND ?? 'unknown',
    progress: (message) => process.stderr.write(`${message}\n`),
  }).then((rows) => console.log(JSON.stringify(rows, null, 2)));
}
