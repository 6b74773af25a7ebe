import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import { loadConfig } from '../../config';
import { startApi } from '../../src/api/server';
import { connectDatabase } from '../../src/data/database';
import { completeFilters } from '../../src/domain/placement';
import { createEventCounter, type VisitorEvent } from '../../src/events/event-counter';
import { rollUpEvents } from '../../src/events/roll-up-events';
import { createLogger } from '../../src/logger';
import { eventMetrics } from '../../src/metrics/event-metrics';
import { createMetricsRegistry } from '../../src/metrics/registry';
import { createQueues } from '../../src/queue/queues';
import { connectProducer } from '../../src/queue/redis';
import { ingestJobOptions } from '../../workers/ingest.policy';
import { PERSON } from '../helpers/events';
import { preparedPosting, seedPostings } from '../helpers/postings';
import type { Bench, BenchRow } from './bench';

interface AutocannonResult {
  requests: { average: number };
  non2xx: number;
  errors: number;
}
// autocannon ships no types; this is the part of its API used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const CONNECTIONS = 100;
/** A widget's default list: one beacon carries this many impressions. */
const IMPRESSIONS_PER_BEACON = 6;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
/** Counters in the batch the roll-up moves (one per posting); BENCH_ROLLUP_COUNTERS changes it. */
const ROLLUP_COUNTERS = Number(process.env.BENCH_ROLLUP_COUNTERS ?? 500);
const ORIGIN = 'https://news.example';

const beaconsPerSecond = async (url: string, requests: Record<string, unknown>[], seconds: number) => {
  // One worker thread generates the load, so it does not share the event loop with the servers under test.
  // idReplacement: each request's `[<id>]` becomes a new id, so each beacon comes from a visitor of its own.
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    workers: 1,
    requests,
    idReplacement: true,
  });
  if (result.non2xx || result.errors)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
};

/**
 * POST /api/v1/events on the real API (a placement with allowedOrigins, a new visitor per beacon)
 * against a bare node:http server that reads each body and answers the same bytes; then the roll-up of one minute
 * batch of ROLLUP_COUNTERS counters into event_counts against inserting as many documents with insertMany.
 */
export const eventsBench: Bench = async (context) => {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const config = loadConfig({
    MONGO_URL: context.mongoUrl,
    REDIS_URL: context.redisUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `bench_${suffix}`,
    EVENTS_BURST_MAX: '100000',
  });
  const db = await connectDatabase(config.mongoUrl, { dbName: `jobfeed_bench_${suffix}` });
  const redis = await connectProducer(config);
  const queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
  const api = await startApi({ config, db, logger: createLogger(config), redis, queues });
  let bare: Server | undefined;
  try {
    const feedId = new Types.ObjectId();
    const count = Math.max(ROLLUP_COUNTERS, IMPRESSIONS_PER_BEACON);
    await seedPostings(
      db,
      feedId,
      Array.from({ length: count }, (_, i) => preparedPosting(`ev-${i}`)),
    );
    const postingIds = (await db.postings.listForFeed(feedId)).map((posting) => String(posting._id));
    const { account: publisher } = await db.publishers.create({
      name: 'Bench',
      email: `bench-${suffix}@example.com`,
    });
    const placement = await db.placements.create({
      publisherId: publisher._id,
      name: 'Bench',
      allowedOrigins: [ORIGIN],
      filters: completeFilters({}),
      limit: IMPRESSIONS_PER_BEACON,
      heading: null,
      locale: 'en',
      theme: 'auto',
      context: 'none',
    });
    const body = JSON.stringify({
      placement: String(placement._id),
      impressions: postingIds
        .slice(0, IMPRESSIONS_PER_BEACON)
        .map((posting) => ({ posting, ranking: 'recency' })),
    });
    const visitorHeaders = (visitor: string) => ({
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': `${PERSON} ${visitor}`,
      origin: ORIGIN,
    });
    // A visitor is its address and user agent: every beacon is a visitor's first, so every one is counted.
    const requests = [{ method: 'POST', body, headers: visitorHeaders('[<id>]') }];
    const eventsUrl = `${api.url}/api/v1/events`;
    const first = await fetch(eventsUrl, { method: 'POST', body, headers: visitorHeaders('first') });
    const answer = await first.text();
    if (first.status !== 202 || JSON.parse(answer).counted !== IMPRESSIONS_PER_BEACON)
      throw new Error(`the API did not count the beacon: ${first.status} ${answer}`);
    const headers = Object.fromEntries(
      [...first.headers].filter(
        ([name]) => !['date', 'connection', 'keep-alive', 'x-request-id'].includes(name),
      ),
    );
    bare = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(202, headers);
        res.end(answer);
      });
    });
    await new Promise<void>((resolve) => bare!.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/api/v1/events`;

    await beaconsPerSecond(bareUrl, requests, 1);
    await beaconsPerSecond(eventsUrl, requests, 1);
    const rounds = Math.max(1, Math.floor(DURATION_S / 2));
    const measured = { ours: 0, baseline: 0 };
    for (let round = 1; round <= rounds; round++) {
      context.progress(
        `events: round ${round}/${rounds}, ${DURATION_S / rounds} s each on bare node:http and jobfeed`,
      );
      measured.baseline += await beaconsPerSecond(bareUrl, requests, DURATION_S / rounds);
      measured.ours += await beaconsPerSecond(eventsUrl, requests, DURATION_S / rounds);
    }
    const ours = Math.round((measured.ours / rounds) * IMPRESSIONS_PER_BEACON);
    const baseline = Math.round((measured.baseline / rounds) * IMPRESSIONS_PER_BEACON);

    // The roll-up: one closed minute batch, one counter per posting, on a prefix of its own.
    const prefix = `${config.queuePrefix}_rollup`;
    const events: VisitorEvent[] = postingIds.slice(0, ROLLUP_COUNTERS).map((postingId) => ({
      kind: 'impression',
      placementId: String(placement._id),
      postingId,
      ranking: 'recency',
    }));
    await createEventCounter(redis, { prefix, burstLimit: 100_000 }).count(
      'bench-visitor',
      events,
      new Date(Date.now() - 3 * 60_000),
    );
    context.progress(`events: rolling up ${ROLLUP_COUNTERS} counters on ${context.mongoKind}`);
    const rollupStarted = performance.now();
    const outcome = await rollUpEvents({
      db,
      redis,
      prefix,
      metrics: eventMetrics(createMetricsRegistry('worker')),
      logger: createLogger(config),
    });
    const rollupSeconds = (performance.now() - rollupStarted) / 1000;
    if (outcome.counters !== ROLLUP_COUNTERS) throw new Error(`rolled up ${outcome.counters} counters`);
    const floor = db.connection.collection(`bench_insert_${suffix}`);
    const insertStarted = performance.now();
    await floor.insertMany(
      events.map((event) => ({ ...event, day: 'x', impressions: 1, clicks: 0, appliedBatches: ['x'] })),
    );
    const insertSeconds = (performance.now() - insertStarted) / 1000;
    const rollupRate = Math.round(ROLLUP_COUNTERS / rollupSeconds);
    const insertRate = Math.round(ROLLUP_COUNTERS / insertSeconds);

    const ratio = ours / baseline;
    const rows: BenchRow[] = [
      {
        name: `POST /api/v1/events, impressions/s (${CONNECTIONS} connections, ${IMPRESSIONS_PER_BEACON} per beacon)`,
        ours: `${ours}`,
        baseline: `${baseline} (bare node:http reading the body, same answer)`,
        ratio: `${ratio.toFixed(2)}×`,
        target: '—',
        met: null,
      },
      {
        name: `event roll-up into event_counts, counters/s (${ROLLUP_COUNTERS} in one batch)`,
        ours: `${rollupRate}`,
        baseline: `${insertRate} (insertMany of as many documents, ${context.mongoKind})`,
        ratio: `${(rollupRate / insertRate).toFixed(2)}×`,
        target: '—',
        met: null,
      },
    ];
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
