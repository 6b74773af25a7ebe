import mongoose, { type Connection } from 'mongoose';
import { clickSchema, type Click } from './click.schema';
import { createClickRepository } from './click.repository';
import { feedRunSchema, type FeedRun } from './feed-run.schema';
import { createFeedRunRepository } from './feed-run.repository';
import { feedSchema, type Feed } from './feed.schema';
import { createFeedRepository } from './feed.repository';
import { postingSchema, type Posting } from './posting.schema';
import { createPostingRepository } from './posting.repository';

const DEFAULT_DB_NAME = 'jobfeed';

export interface Database {
  connection: Connection;
  feeds: ReturnType<typeof createFeedRepository>;
  postings: ReturnType<typeof createPostingRepository>;
  feedRuns: ReturnType<typeof createFeedRunRepository>;
  clicks: ReturnType<typeof createClickRepository>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Connects, makes sure every index exists (the unique ones back idempotent ingest), and returns the repositories. */
export async function connectDatabase(
  url: string,
  options: { dbName?: string; maxPostingAgeDays?: number } = {},
): Promise<Database> {
  const dbName = options.dbName ?? (new URL(url).pathname.slice(1) || DEFAULT_DB_NAME);
  const connection = await mongoose
    .createConnection(url, { dbName, serverSelectionTimeoutMS: 10_000, autoIndex: false, autoCreate: true })
    .asPromise();
  const feeds = connection.model<Feed>('Feed', feedSchema);
  const postings = connection.model<Posting>('Posting', postingSchema);
  const feedRuns = connection.model<FeedRun>('FeedRun', feedRunSchema);
  const clicks = connection.model<Click>('Click', clickSchema);
  await Promise.all([feeds.createIndexes(), postings.createIndexes(), feedRuns.createIndexes()]);
  await clicks.createIndexes();
  return {
    connection,
    feeds: createFeedRepository(feeds),
    postings: createPostingRepository(postings, { maxPostingAgeDays: options.maxPostingAgeDays }),
    feedRuns: createFeedRunRepository(feedRuns),
    clicks: createClickRepository(clicks),
    async ping() {
      await connection.db!.admin().ping();
    },
    close: () => connection.close(),
  };
}
