import mongoose, { type Connection } from 'mongoose';
import { AppError } from '../errors';
import { clickSchema, type Click } from './click.schema';
import { createClickRepository } from './click.repository';
import { feedRunSchema, type FeedRun } from './feed-run.schema';
import { createFeedRunRepository } from './feed-run.repository';
import { feedSchema, type Feed } from './feed.schema';
import { createFeedRepository } from './feed.repository';
import { postingSchema, type Posting } from './posting.schema';
import { createPostingRepository } from './posting.repository';
import { recruiterSchema, type Recruiter } from './recruiter.schema';
import { createRecruiterRepository } from './recruiter.repository';

const DEFAULT_DB_NAME = 'jobfeed';

/** How long a command or a starting process waits for MongoDB before it says MongoDB is unreachable. */
export const MONGO_CONNECT_TIMEOUT_MS = 2_000;
/** Server selection of each operation of a running process: long enough to ride out a replica-set election. */
const RUNNING_SERVER_SELECTION_TIMEOUT_MS = 10_000;

export interface Database {
  connection: Connection;
  feeds: ReturnType<typeof createFeedRepository>;
  postings: ReturnType<typeof createPostingRepository>;
  feedRuns: ReturnType<typeof createFeedRunRepository>;
  clicks: ReturnType<typeof createClickRepository>;
  recruiters: ReturnType<typeof createRecruiterRepository>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

function unreachable(error: unknown): AppError {
  return new AppError(
    'mongodb_unreachable',
    `MongoDB is not reachable at MONGO_URL (${(error as Error).message}): check the URL and that the server is running`,
    { cause: error },
  );
}

/**
 * Connects, makes sure every index exists (the unique ones back idempotent ingest), and returns the repositories.
 * An unreachable server is reported after MONGO_CONNECT_TIMEOUT_MS whatever `serverSelectionTimeoutMS` the
 * connection keeps for its operations (CLI commands pass MONGO_CONNECT_TIMEOUT_MS; processes keep the default).
 */
export async function connectDatabase(
  url: string,
  options: { dbName?: string; maxPostingAgeDays?: number; serverSelectionTimeoutMS?: number } = {},
): Promise<Database> {
  const dbName = options.dbName ?? (new URL(url).pathname.slice(1) || DEFAULT_DB_NAME);
  const serverSelectionTimeoutMS = options.serverSelectionTimeoutMS ?? RUNNING_SERVER_SELECTION_TIMEOUT_MS;
  if (serverSelectionTimeoutMS > MONGO_CONNECT_TIMEOUT_MS) {
    const probe = new mongoose.mongo.MongoClient(url, { serverSelectionTimeoutMS: MONGO_CONNECT_TIMEOUT_MS });
    try {
      await probe.connect().catch((error: unknown) => {
        throw unreachable(error);
      });
    } finally {
      await probe.close();
    }
  }
  const connection = await mongoose
    .createConnection(url, { dbName, serverSelectionTimeoutMS, autoIndex: false, autoCreate: true })
    .asPromise()
    .catch((error: unknown) => {
      throw unreachable(error);
    });
  const feeds = connection.model<Feed>('Feed', feedSchema);
  const postings = connection.model<Posting>('Posting', postingSchema);
  const feedRuns = connection.model<FeedRun>('FeedRun', feedRunSchema);
  const clicks = connection.model<Click>('Click', clickSchema);
  const recruiters = connection.model<Recruiter>('Recruiter', recruiterSchema);
  await Promise.all([
    feeds.createIndexes(),
    postings.createIndexes(),
    feedRuns.createIndexes(),
    clicks.createIndexes(),
    recruiters.createIndexes(),
  ]);
  return {
    connection,
    feeds: createFeedRepository(feeds),
    postings: createPostingRepository(postings, { maxPostingAgeDays: options.maxPostingAgeDays }),
    feedRuns: createFeedRunRepository(feedRuns),
    clicks: createClickRepository(clicks),
    recruiters: createRecruiterRepository(recruiters),
    async ping() {
      await connection.db!.admin().ping();
    },
    close: () => connection.close(),
  };
}
