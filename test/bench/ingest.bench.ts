import path from 'node:path';
import { rmSync } from 'node:fs';
import mongoose from 'mongoose';
import type { Document } from 'mongodb';
import { postingSchema } from '../../src/data/posting.schema';
import type { IngestOutcome } from '../../src/ingest/ingest-feed';
import type { Bench, BenchRow } from './bench';
import { startFeedServer } from './feed-server';
import { writeIndeedFeed } from './feed-generator';
import { elapsedMs, formatMs, formatNumber, formatRate, formatRatio, median } from './measure';
import { benchName, createBenchFeed, startWorkerStack, type WorkerStack } from './worker-stack';

const MIN_THROUGHPUT_RATIO = 0.5;
const MIN_UNCHANGED_SPEEDUP = 5;
const NEAR_INSTANT_MS = 500;

export interface IngestBenchOptions {
  workDir: string;
  postings: number;
  /** First ingests (and raw bulkWrites) alternated; each ratio uses the medians. */
  firstRuns: number;
  unchangedRuns: number;
  notModifiedRuns: number;
}

/**
 * The worker path (a BullMQ job: fetch over HTTP, parse, normalize, bulk upsert) into an empty collection against
 * the raw driver's unordered bulkWrite of the very documents it stored, then the two re-ingest shortcuts.
 */
export function ingestBench(options: IngestBenchOptions): Bench {
  return async (context) => {
    const file = path.join(options.workDir, `ingest-${options.postings}.xml`);
    context.progress(`ingest: generating ${formatNumber(options.postings)} postings`);
    await writeIndeedFeed(file, { postings: options.postings, seed: 9, idPrefix: 'I' });
    const server = await startFeedServer();
    const feed = { file, etag: '"bench-feed-v1"', honourIfNoneMatch: false };
    server.serve('/feed.xml', feed);
    const stack = await startWorkerStack(context.mongoUrl, context.redisUrl, 'ingest');
    const raw = new mongoose.mongo.MongoClient(context.mongoUrl);
    const rawDb = raw.db(benchName('raw'));
    try {
      const run = async (feedId: string, expect: (outcome: IngestOutcome) => boolean, what: string) => {
        const { ms, outcomes } = await stack.runJobs([feedId]);
        const outcome = outcomes[0]!;
        if (!expect(outcome)) throw new Error(`${what}: unexpected outcome ${JSON.stringify(outcome)}`);
        return ms;
      };

      const firstMs: number[] = [];
      const rawMs: number[] = [];
      let documents: Document[] = [];
      let lastFeedId = '';
      for (let i = 0; i < options.firstRuns; i++) {
        await emptyPostings(stack);
        const created = await createBenchFeed(stack.db, `bench ${i}`, `${server.url}/feed.xml`);
        lastFeedId = String(created._id);
        context.progress(`ingest: worker path, run ${i + 1} of ${options.firstRuns}`);
        const ms = await run(
          lastFeedId,
          (o) => o.status === 'succeeded' && o.counts.inserted === options.postings,
          'first ingest',
        );
        firstMs.push(ms);
        context.progress(`ingest: worker path ${formatMs(ms)}`);
        if (i === 0) documents = await storedDocuments(stack);
        context.progress(`ingest: raw bulkWrite, run ${i + 1} of ${options.firstRuns}`);
        rawMs.push(await rawBulkWrite(rawDb, documents));
        context.progress(`ingest: raw bulkWrite ${formatMs(rawMs.at(-1)!)}`);
      }

      const unchangedMs: number[] = [];
      for (let i = 0; i < options.unchangedRuns; i++) {
        context.progress(`ingest: re-ingest of the unchanged feed, run ${i + 1} of ${options.unchangedRuns}`);
        unchangedMs.push(
          await run(
            lastFeedId,
            (o) =>
              o.status === 'succeeded' && o.counts.unchanged === options.postings && o.counts.inserted === 0,
            'unchanged re-ingest',
          ),
        );
      }
      feed.honourIfNoneMatch = true;
      const notModifiedMs: number[] = [];
      for (let i = 0; i < options.notModifiedRuns; i++) {
        notModifiedMs.push(await run(lastFeedId, (o) => o.status === 'not_modified', '304 re-ingest'));
      }

      const ours = median(firstMs);
      const baseline = median(rawMs);
      const unchanged = median(unchangedMs);
      const notModified = median(notModifiedMs);
      const perSecond = (ms: number) => (options.postings / ms) * 1000;
      const rows: BenchRow[] = [
        {
          name: `Ingest ${formatNumber(options.postings)} postings to the database (queue job → fetch → parse → bulk upsert)`,
          ours: `${formatRate(perSecond(ours), 'postings')} (${formatMs(ours)})`,
          baseline: `${formatRate(perSecond(baseline), 'postings')} (${formatMs(baseline)}), raw driver unordered bulkWrite`,
          ratio: formatRatio(baseline / ours),
          target: `≥ ${MIN_THROUGHPUT_RATIO}×`,
          met: baseline / ours >= MIN_THROUGHPUT_RATIO,
        },
        {
          name: 'Re-ingest of the unchanged feed (content-hash skip)',
          ours: formatMs(unchanged),
          baseline: `${formatMs(ours)} (first ingest)`,
          ratio: `${formatRatio(ours / unchanged)} faster`,
          target: `≥ ${MIN_UNCHANGED_SPEEDUP}× faster`,
          met: ours / unchanged >= MIN_UNCHANGED_SPEEDUP,
        },
        {
          name: 'Re-ingest answered 304 Not Modified',
          ours: formatMs(notModified),
          baseline: `${formatMs(ours)} (first ingest)`,
          ratio: `${formatRatio(ours / notModified)} faster`,
          target: `near-instant (≤ ${NEAR_INSTANT_MS} ms)`,
          met: notModified <= NEAR_INSTANT_MS,
        },
      ];
      return rows;
    } finally {
      await rawDb.dropDatabase().catch(() => undefined);
      await raw.close();
      await stack.close();
      await server.close();
      rmSync(file, { force: true });
    }
  };
}

/** An empty postings collection with its indexes, as a new deployment has. */
async function emptyPostings(stack: WorkerStack): Promise<void> {
  const model = stack.db.connection.model('Posting');
  await model.collection.drop().catch(() => undefined);
  await model.createCollection();
  await model.createIndexes();
}

async function storedDocuments(stack: WorkerStack): Promise<Document[]> {
  return stack.db.connection
    .db!.collection('postings')
    .find({}, { projection: { _id: 0 } })
    .toArray();
}

/** The floor: the same documents, unordered, into an empty collection with the same indexes, nothing else. */
async function rawBulkWrite(db: mongoose.mongo.Db, documents: Document[]): Promise<number> {
  const collection = db.collection('postings');
  await collection.drop().catch(() => undefined);
  await db.createCollection('postings');
  for (const [keys, indexOptions] of postingSchema.indexes())
    await collection.createIndex(keys as Document, indexOptions as mongoose.mongo.CreateIndexesOptions);
  const operations = documents.map((document) => ({ insertOne: { document: { ...document } } }));
  const startedAt = process.hrtime.bigint();
  const result = await collection.bulkWrite(operations, { ordered: false });
  const ms = elapsedMs(startedAt);
  if (result.insertedCount !== documents.length)
    throw new Error(`raw bulkWrite inserted ${result.insertedCount} of ${documents.length}`);
  return ms;
}
