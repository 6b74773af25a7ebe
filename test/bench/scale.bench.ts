import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { connectDatabase, type Database } from '../../src/data/database';
import type { Bench, BenchRow } from './bench';
import { startFeedServer, type FeedServer } from './feed-server';
import { writeIndeedFeed } from './feed-generator';
import { formatMs, formatNumber, formatRate, formatRatio } from './measure';
import {
  benchConfig,
  createBenchFeed,
  createQueueClient,
  startWorkerProcess,
  stopWorkerProcess,
} from './worker-stack';

export interface ScaleBenchOptions {
  workDir: string;
  /** Postings in all feeds together, read when the bench starts. */
  postings: () => number;
  feeds: number;
}

interface ScaleRun {
  processes: number;
  ms: number;
  /** `feed path|externalId|contentHash` of every stored posting, sorted: the end state to compare. */
  state: string[];
}

/**
 * The ingest of the ingest bench split over several feeds, run by 1 and then by 2 real worker processes
 * (`node --import tsx workers/main.ts`): the speed-up, and that both end in the same postings.
 */
export function scaleBench(options: ScaleBenchOptions): Bench {
  return async (context) => {
    const perFeed = Math.ceil(options.postings() / options.feeds);
    const server = await startFeedServer();
    const files: string[] = [];
    try {
      for (let i = 1; i <= options.feeds; i++) {
        const file = path.join(options.workDir, `scale-${i}.xml`);
        context.progress(
          `scale: generating feed ${i} of ${options.feeds} (${formatNumber(perFeed)} postings)`,
        );
        await writeIndeedFeed(file, { postings: perFeed, seed: 100 + i, idPrefix: `S${i}` });
        files.push(file);
        server.serve(`/scale-${i}.xml`, { file, honourIfNoneMatch: false });
      }
      const one = await runWithProcesses(1, context, server, options.feeds);
      const two = await runWithProcesses(2, context, server, options.feeds);
      const total = perFeed * options.feeds;
      const identical = one.state.length === total && one.state.join('\n') === two.state.join('\n');
      const rows: BenchRow[] = [
        {
          name: `Scale: ${formatNumber(total)} postings over ${options.feeds} feeds, 2 worker processes vs 1`,
          ours: `${formatRate((total / two.ms) * 1000, 'postings')} (${formatMs(two.ms)}, 2 processes)`,
          baseline: `${formatRate((total / one.ms) * 1000, 'postings')} (${formatMs(one.ms)}, 1 process)`,
          ratio: `${formatRatio(one.ms / two.ms)} speed-up`,
          target: 'identical end state',
          met: identical,
        },
      ];
      if (!identical)
        context.progress(
          `scale: end states differ (${one.state.length} vs ${two.state.length} postings, expected ${total})`,
        );
      return rows;
    } finally {
      await server.close();
      for (const file of files) rmSync(file, { force: true });
    }
  };
}

async function runWithProcesses(
  processes: number,
  context: Parameters<Bench>[0],
  server: FeedServer,
  feedCount: number,
): Promise<ScaleRun> {
  const config = benchConfig(context.mongoUrl, context.redisUrl, `scale${processes}`);
  const db = await connectDatabase(config.mongoUrl);
  const client = await createQueueClient(config);
  const children: ChildProcess[] = [];
  try {
    const feeds = [];
    for (let i = 1; i <= feedCount; i++)
      feeds.push(await createBenchFeed(db, `scale ${i}`, `${server.url}/scale-${i}.xml`));
    context.progress(`scale: starting ${processes} worker process${processes > 1 ? 'es' : ''}`);
    const starting = Array.from({ length: processes }, () => startWorkerProcess(config));
    const started = await Promise.allSettled(starting);
    for (const result of started) if (result.status === 'fulfilled') children.push(result.value);
    const failedStart = started.find((result) => result.status === 'rejected');
    if (failedStart) throw failedStart.reason;
    context.progress(
      `scale: ingesting ${feedCount} feeds with ${processes} worker process${processes > 1 ? 'es' : ''}`,
    );
    const result = await client.runJobs(feeds.map((feed) => String(feed._id)));
    if (!result.finished) throw new Error('scale: the ingest did not finish');
    const { ms, outcomes } = result;
    const failed = outcomes.find((outcome) => outcome.status !== 'succeeded');
    if (failed) throw new Error(`scale: an ingest did not succeed: ${JSON.stringify(failed)}`);
    context.progress(`scale: ${processes} process${processes > 1 ? 'es' : ''}: ${formatMs(ms)}`);
    return { processes, ms, state: await endState(db) };
  } finally {
    await Promise.all(children.map((child) => stopWorkerProcess(child)));
    await client.close();
    await db.connection.dropDatabase();
    await db.close();
  }
}

async function endState(db: Database): Promise<string[]> {
  const feedPaths = new Map(
    (await db.feeds.list()).map((feed) => [String(feed._id), new URL(feed.url).pathname]),
  );
  const postings = await db.connection
    .db!.collection('postings')
    .find({}, { projection: { feedId: 1, externalId: 1, contentHash: 1 } })
    .toArray();
  return postings
    .map((p) => `${feedPaths.get(String(p.feedId))}|${String(p.externalId)}|${String(p.contentHash)}`)
    .sort();
}
