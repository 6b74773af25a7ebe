import { QueueEvents } from 'bullmq';
import type { Command } from 'commander';
import type { Config } from '../../config';
import { presentFeed } from '../api/presenters/feed.presenter';
import { bumpPostingsVersion } from '../cache/postings-version';
import type { Database } from '../data/database';
import { FEED_STATUSES, type FeedStatus } from '../data/feed.schema';
import { FORMAT_NAMES } from '../ingest/formats';
import {
  createFeed,
  deleteFeed,
  listFeeds,
  runFeedNow,
  updateFeed,
  type FeedUseCaseDependencies,
  type FeedWithCount,
} from '../feeds/feed-use-cases';
import { createRedis } from '../queue/redis';
import { withDatabase, withServices } from './connect';
import type { CliContext } from './context';
import { readMappingFile } from './mapping-file';
import { CliError, printJson } from './output';

interface AddOptions {
  url: string;
  name: string;
  interval: string;
  format?: string;
  company?: string;
  mapping?: string;
}

/** The operator's feed commands: the same use-cases as the recruiter API, over every feed. */
export function registerFeedsCommand(program: Command, { loadConfig }: CliContext): void {
  const feeds = program
    .command('feeds')
    .description('add, list, run, pause, resume and delete partner feeds');

  feeds
    .command('add')
    .description('register a feed and queue its first poll')
    .requiredOption('--url <url>', 'the feed URL (http or https)')
    .requiredOption('--name <name>', 'a name for people')
    .option('--interval <minutes>', 'minutes between polls (5-1440)', '60')
    .option('--format <name>', `one of ${FORMAT_NAMES.join(', ')}; detected when left out`)
    .option('--company <name>', 'company for postings that name none')
    .option('--mapping <file>', 'a JSON field mapping for a feed in no standard format')
    .action(async (options: AddOptions) => {
      const input = {
        url: options.url,
        name: options.name,
        intervalMinutes: Number(options.interval),
        format: options.format,
        company: options.company,
        mapping: options.mapping ? await readMappingFile(options.mapping) : undefined,
      };
      await withFeedUseCases(loadConfig(), async (useCases) => {
        printFeed(await createFeed(useCases, 'all', input));
      });
    });

  feeds
    .command('list')
    .description('every feed with its health')
    .option('--status <status>', `only feeds that are ${FEED_STATUSES.join(', ')}`)
    .action(async (options: { status?: string }) => {
      if (options.status && !FEED_STATUSES.includes(options.status as FeedStatus)) {
        throw new CliError(`--status must be one of ${FEED_STATUSES.join(', ')}`);
      }
      // Only reads MongoDB: listed even while Redis is away.
      await withDatabase(loadConfig(), async (db) => {
        const found = await listFeeds({ db }, 'all', { status: options.status as FeedStatus | undefined });
        printJson(found.map(({ feed, activePostings }) => presentFeed(feed, activePostings)));
      });
    });

  feeds
    .command('run <id>')
    .description('poll a feed now (at most once a minute)')
    .option('--wait', 'wait for the run to finish and print it')
    .action(async (id: string, options: { wait?: boolean }) => {
      const config = loadConfig();
      await withFeedUseCases(config, async (useCases, db) => {
        const run = await runFeedNow(useCases, 'all', id);
        if (options.wait) printJson(await waitForRun(config, useCases, db, run.jobId));
        else printJson(run);
      });
    });

  for (const [name, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    feeds
      .command(`${name} <id>`)
      .description(
        paused ? 'stop polling a feed; its postings stay listed' : 'poll a paused feed again, starting now',
      )
      .action(async (id: string) => {
        await withFeedUseCases(loadConfig(), async (useCases) => {
          printFeed(await updateFeed(useCases, 'all', id, { paused }));
        });
      });
  }

  feeds
    .command('delete <id>')
    .description('remove a feed and its postings')
    .action(async (id: string) => {
      await withFeedUseCases(loadConfig(), async (useCases) => {
        await deleteFeed(useCases, 'all', id);
        printJson({ id, deleted: true });
      });
    });
}

function printFeed({ feed, activePostings }: FeedWithCount): void {
  printJson(presentFeed(feed, activePostings));
}

async function withFeedUseCases(
  config: Config,
  work: (useCases: FeedUseCaseDependencies, db: Database) => Promise<void>,
): Promise<void> {
  await withServices(config, ({ db, queues, redis }) =>
    work(
      {
        db,
        queues,
        redis,
        queuePrefix: config.queuePrefix,
        onPostingsChanged: () => bumpPostingsVersion(redis, config.queuePrefix),
      },
      db,
    ),
  );
}

/** A failed run is printed like a successful one: its record says why. */
async function waitForRun(config: Config, useCases: FeedUseCaseDependencies, db: Database, jobId: string) {
  const connection = createRedis(config, 'worker');
  const events = new QueueEvents('ingest', { connection, prefix: config.queuePrefix });
  try {
    const job = await useCases.queues.ingest.getJob(jobId);
    await job?.waitUntilFinished(events).catch(() => undefined);
  } finally {
    await events.close();
    connection.disconnect();
  }
  return db.feedRuns.findByJobId(jobId);
}
