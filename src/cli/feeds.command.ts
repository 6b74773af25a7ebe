import { QueueEvents } from 'bullmq';
import type { Command } from 'commander';
import { loadConfigOrExit } from '../../config';
import { FEED_STATUSES, type FeedStatus } from '../data/feed.schema';
import { FORMAT_NAMES } from '../ingest/formats';
import { enqueueIngest, ingestJobId } from '../queue/queues';
import { createRedis } from '../queue/redis';
import { withServices } from './connect';
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

export function registerFeedsCommand(program: Command): void {
  const feeds = program.command('feeds').description('add, list, run, pause and resume partner feeds');

  feeds
    .command('add')
    .description('register a feed; its first poll is due at once')
    .requiredOption('--url <url>', 'the feed URL (http or https)')
    .requiredOption('--name <name>', 'a name for people')
    .option('--interval <minutes>', 'minutes between polls (5-1440)', '60')
    .option('--format <name>', `one of ${FORMAT_NAMES.join(', ')}; detected when left out`)
    .option('--company <name>', 'company for postings that name none')
    .option('--mapping <file>', 'a JSON field mapping for a feed in no standard format')
    .action((options: AddOptions) => addFeed(options));

  feeds
    .command('list')
    .description('every feed with its health')
    .option('--status <status>', `only feeds that are ${FEED_STATUSES.join(', ')}`)
    .action(async (options: { status?: string }) => {
      if (options.status && !FEED_STATUSES.includes(options.status as FeedStatus)) {
        throw new CliError(`--status must be one of ${FEED_STATUSES.join(', ')}`);
      }
      await withServices(loadConfigOrExit(), async ({ db }) => {
        printJson(await db.feeds.list({ status: options.status as FeedStatus | undefined }));
      });
    });

  feeds
    .command('run <id>')
    .description('poll a feed now')
    .option('--wait', 'wait for the run to finish and print it')
    .action((id: string, options: { wait?: boolean }) => runFeed(id, options.wait ?? false));

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
        await withServices(loadConfigOrExit(), async ({ db }) => {
          const feed = await db.feeds.setPaused(id, paused);
          if (!feed) throw new CliError(`no feed with id ${id}`);
          printJson(feed);
        });
      });
  }
}

async function addFeed(options: AddOptions): Promise<void> {
  if (!URL.canParse(options.url) || !['http:', 'https:'].includes(new URL(options.url).protocol)) {
    throw new CliError(`--url must be an http or https URL (got ${JSON.stringify(options.url)})`);
  }
  const interval = Number(options.interval);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
    throw new CliError(
      `--interval must be a whole number of minutes from 5 to 1440 (got ${JSON.stringify(options.interval)})`,
    );
  }
  if (options.format && !FORMAT_NAMES.includes(options.format)) {
    throw new CliError(`--format must be one of ${FORMAT_NAMES.join(', ')}`);
  }
  const mapping = options.mapping ? await readMappingFile(options.mapping) : null;
  await withServices(loadConfigOrExit(), async ({ db }) => {
    const feed = await db.feeds.create({
      url: options.url,
      name: options.name,
      intervalMinutes: interval,
      format: options.format ?? null,
      company: options.company ?? null,
      mapping,
    });
    printJson(feed);
  });
}

async function runFeed(id: string, wait: boolean): Promise<void> {
  const config = loadConfigOrExit();
  await withServices(config, async ({ db, queues }) => {
    const feed = await db.feeds.findById(id);
    if (!feed) throw new CliError(`no feed with id ${id}`);
    const jobId = await enqueueIngest(
      queues,
      String(feed._id),
      ingestJobId.manual(String(feed._id), new Date()),
    );
    if (!wait) {
      printJson({ feedId: String(feed._id), jobId, queued: true });
      return;
    }
    const connection = createRedis(config.redisUrl, 'worker');
    const events = new QueueEvents('ingest', { connection, prefix: config.queuePrefix });
    try {
      const job = await queues.ingest.getJob(jobId);
      // A failed run is printed like a successful one: its record says why.
      await job?.waitUntilFinished(events).catch(() => undefined);
    } finally {
      await events.close();
      connection.disconnect();
    }
    printJson(await db.feedRuns.findByJobId(jobId));
  });
}
