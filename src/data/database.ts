import mongoose, { type Connection, type mongo } from 'mongoose';
import { AppError } from '../errors';
import { eventCountSchema, type EventCount } from './event-count.schema';
import { updatesPerCommand } from './bulk-updates';
import { createEventRollupRepository } from './event-rollup.repository';
import { createEventStatsRepository } from './event-stats.repository';
import { feedRunSchema, type FeedRun } from './feed-run.schema';
import { createFeedRunRepository } from './feed-run.repository';
import { feedSchema, type Feed } from './feed.schema';
import { createFeedRepository } from './feed.repository';
import { placementSchema, type Placement } from './placement.schema';
import { createPlacementRepository } from './placement.repository';
import { postingSchema, type Posting } from './posting.schema';
import { createPostingRepository } from './posting.repository';
import { publisherSchema, type Publisher } from './publisher.schema';
import { createPublisherRepository } from './publisher.repository';
import { recruiterSchema, type Recruiter } from './recruiter.schema';
import { createRecruiterRepository } from './recruiter.repository';

const DEFAULT_DB_NAME = 'jobfeed';

type ReadPreferenceMode = mongo.ReadPreferenceMode;
/** How long a command or a starting process waits for MongoDB before it says MongoDB is unreachable. */
export const MONGO_CONNECT_TIMEOUT_MS = 2_000;
/** Server selection of each operation of a running process: long enough to ride out a replica-set election. */
const RUNNING_SERVER_SELECTION_TIMEOUT_MS = 10_000;

export interface Database {
  connection: Connection;
  feeds: ReturnType<typeof createFeedRepository>;
  postings: ReturnType<typeof createPostingRepository>;
  feedRuns: ReturnType<typeof createFeedRunRepository>;
  /** The minute roll-up's writes of impressions and clicks into `event_counts`. */
  eventRollup: ReturnType<typeof createEventRollupRepository>;
  recruiters: ReturnType<typeof createRecruiterRepository>;
  publishers: ReturnType<typeof createPublisherRepository>;
  placements: ReturnType<typeof createPlacementRepository>;
  eventStats: ReturnType<typeof createEventStatsRepository>;
  /** Update operations per bulkWrite command on this server (src/data/bulk-updates.ts). */
  updatesPerCommand: number;
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

export interface DatabaseOptions {
  dbName?: string;
  maxPostingAgeDays?: number;
  /** Where the public read path (recent list, a posting by id) reads; everything else reads the primary. */
  publicReadPreference?: ReadPreferenceMode;
  /** Emit the driver's command events (the query-shape tests record them). */
  monitorCommands?: boolean;
  /** Server selection of each operation; CLI commands pass MONGO_CONNECT_TIMEOUT_MS, processes keep the default. */
  serverSelectionTimeoutMS?: number;
}

/**
 * Connects, makes sure every index exists (the unique ones back idempotent ingest), fills the search fields and the
 * listed flag of postings stored before they existed, and returns the repositories. An unreachable server is reported after
 * MONGO_CONNECT_TIMEOUT_MS whatever `serverSelectionTimeoutMS` the connection keeps for its operations.
 *
 * Writes wait for a majority of a replica set (`w: 'majority'`), so a failover cannot roll back an acknowledged
 * posting, feed, run, recruiter key or rolled-up event count. Retryable
 * writes and reads stay on (the driver's default; a `retryWrites=false` in MONGO_URL is the operator's choice).
 */
export async function connectDatabase(url: string, options: DatabaseOptions = {}): Promise<Database> {
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
    .createConnection(url, {
      dbName,
      serverSelectionTimeoutMS,
      autoIndex: false,
      autoCreate: true,
      writeConcern: { w: 'majority' },
      monitorCommands: options.monitorCommands ?? false,
    })
    .asPromise()
    .catch((error: unknown) => {
      throw unreachable(error);
    });
  const feeds = connection.model<Feed>('Feed', feedSchema);
  const postings = connection.model<Posting>('Posting', postingSchema);
  const feedRuns = connection.model<FeedRun>('FeedRun', feedRunSchema);
  const eventCounts = connection.model<EventCount>('EventCount', eventCountSchema);
  const recruiters = connection.model<Recruiter>('Recruiter', recruiterSchema);
  const publishers = connection.model<Publisher>('Publisher', publisherSchema);
  const placements = connection.model<Placement>('Placement', placementSchema);
  await Promise.all([
    feeds.createIndexes(),
    postings.createIndexes(),
    feedRuns.createIndexes(),
    eventCounts.createIndexes(),
    recruiters.createIndexes(),
    publishers.createIndexes(),
    placements.createIndexes(),
  ]);
  const perCommand = await updatesPerCommand(connection);
  const postingRepository = createPostingRepository(postings, {
    maxPostingAgeDays: options.maxPostingAgeDays,
    publicReadPreference: options.publicReadPreference,
    updatesPerCommand: perCommand,
  });
  await postingRepository.backfillStoredFields();
  return {
    connection,
    feeds: createFeedRepository(feeds),
    postings: postingRepository,
    feedRuns: createFeedRunRepository(feedRuns),
    eventRollup: createEventRollupRepository({ eventCounts, postings, placements }, perCommand),
    recruiters: createRecruiterRepository(recruiters),
    publishers: createPublisherRepository(publishers),
    placements: createPlacementRepository(placements),
    eventStats: createEventStatsRepository({ eventCounts, postings, placements }),
    updatesPerCommand: perCommand,
    async ping() {
      await connection.db!.admin().ping();
    },
    close: () => connection.close(),
  };
}
