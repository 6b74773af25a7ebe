import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { Router } from 'express';
import type { Config } from '../../../config';
import { startApi } from '../../api/server';
import { connectDatabase, type Database } from '../../data/database';
import { handleShutdown } from '../../lifecycle';
import { createLogger } from '../../logger';
import { enqueueIngest, ingestJobId, createQueues, type Queues } from '../../queue/queues';
import { ingestJobOptions } from '../../../workers/ingest.policy';
import {
  checkRedisReachable,
  closeRedis,
  createRedis,
  logRedisOutages,
  redisVariable,
} from '../../queue/redis';
import { startWorkers } from '../../../workers/start-workers';
import type { CliContext } from '../context';
import { demoArticleRouter } from './demo-article';
import { demoIndeedFeed, demoRssFeed } from './demo-feeds';
import { demoLogStream } from './demo-log-format';

const DEMO_FEEDS = [
  { name: 'Demo staffing network (Indeed XML)', path: '/demo/feeds/staffing.xml', render: demoIndeedFeed },
  { name: 'Newsroom careers (RSS)', path: '/demo/feeds/newsroom.rss', render: demoRssFeed },
];
const DEMO_RECRUITER = { name: 'Demo recruiter', email: 'demo@example.com' };

export function registerDemoCommand(program: Command, { loadConfig }: CliContext): void {
  program
    .command('demo')
    .description(
      'run the API and a worker on built-in demo feeds, on the database and queues of MONGO_URL, REDIS_URL and ' +
        'QUEUE_PREFIX (the ones the CLI uses beside it); keeps the data of earlier runs',
    )
    .option('--reset', 'drop the database and empty the queues first')
    .action((options: { reset?: boolean }) => runDemo(loadConfig(), options));
}

async function runDemo(loaded: Config, options: { reset?: boolean }): Promise<void> {
  const config: Config = {
    ...loaded,
    // The demo feeds are served by the demo's own API, on this machine, which the address guard would refuse.
    fetch: { ...loaded.fetch, allowPrivate: true },
  };
  // The log on stderr, one readable line per event; stdout holds the banner.
  const logger = createLogger(config, 'jobfeed', demoLogStream(process.stderr));

  await checkRedisReachable(config);
  const db = await connectDatabase(config.mongoUrl, { maxPostingAgeDays: config.feeds.maxPostingAgeDays });
  const redis = createRedis(config, 'worker');
  logRedisOutages(redis, logger, redisVariable(config));
  const queues = createQueues(redis, config.queuePrefix, ingestJobOptions(config.worker));
  if (options.reset) {
    await db.connection.dropDatabase();
    await db.connection.syncIndexes();
    await Promise.all([
      queues.ingest.obliterate({ force: true }),
      queues.scheduler.obliterate({ force: true }),
    ]);
  }
  const workers = await startWorkers({ config, db, redis, logger });

  let feedsBaseUrl = '';
  const api = await startApi({
    config,
    db,
    logger,
    redis,
    queues,
    extraRouters: [demoArticleRouter(), demoFeedsRouter(() => feedsBaseUrl)],
    homeLinks: [{ href: '/demo', label: 'Demo', about: 'a sample article with the Recent Posts widget' }],
  });
  // The worker fetches the feeds from the API it runs beside: by address, as `localhost` may resolve to ::1 first.
  feedsBaseUrl = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${(api.server.address() as AddressInfo).port}`;

  await pollDemoFeeds(db, queues, feedsBaseUrl);
  const recruiter = await demoRecruiter(db);

  process.stdout.write(
    `\n  Open ${api.url}/demo to see the Recent Posts widget on a sample article.\n\n` +
      `jobfeed demo is running (database ${db.connection.name}, queue prefix ${config.queuePrefix}` +
      `${options.reset ? ', reset' : ', data of earlier runs kept; --reset starts empty'}).\n` +
      `  Recent jobs: ${api.url}/api/v1/jobs/recent\n` +
      `  Embed: <script async src="${api.url}/widget.js"></script> <div data-jobfeed data-limit="6"></div>\n` +
      `  Also: ${api.url}/embed/recent, ${api.url}/feeds/recent.rss, ${api.url}/feeds/recent.json\n` +
      `  Recruiter page: ${api.url}/recruiters (${recruiter})\n` +
      `  Beside it: npm run cli -- recruiters add --name NAME --email EMAIL (same database)\n` +
      `  Press Ctrl+C to stop.\n\n`,
  );
  handleShutdown(
    [
      { name: 'http', run: () => api.close() },
      { name: 'workers', run: () => workers.close() },
      { name: 'queues', run: () => queues.close() },
      { name: 'redis', run: () => closeRedis(redis) },
      { name: 'mongodb', run: () => db.close() },
    ],
    logger,
    config.shutdownTimeoutMs,
  );
}

/** The built-in feeds, served by the demo's API: the same URLs from one run to the next (with the same PORT). */
function demoFeedsRouter(baseUrl: () => string): Router {
  const router = Router();
  for (const { path, render } of DEMO_FEEDS) {
    router.get(path, (_req, res) => {
      res.type('application/xml; charset=utf-8').send(render(baseUrl()));
    });
  }
  return router;
}

/**
 * Registers the demo feeds once (a feed kept from a run on another port is registered again at its new URL) and
 * polls each now.
 */
async function pollDemoFeeds(db: Database, queues: Queues, baseUrl: string): Promise<void> {
  const existing = await db.feeds.list({ owner: 'all' });
  for (const { name, path } of DEMO_FEEDS) {
    const url = `${baseUrl}${path}`;
    let feed = existing.find((candidate) => candidate.name === name && !candidate.recruiterId);
    if (feed && feed.url !== url) {
      await db.feeds.deleteOwned(String(feed._id), 'all');
      await db.postings.deleteForFeed(feed._id);
      feed = undefined;
    }
    feed ??= await db.feeds.create({ name, url, intervalMinutes: 15 });
    await enqueueIngest(queues, String(feed._id), ingestJobId.manual(String(feed._id), new Date()));
  }
}

/** What the banner says about the demo recruiter: its key when created now; a kept account's key is not stored. */
async function demoRecruiter(db: Database): Promise<string> {
  const kept = (await db.recruiters.list()).find((recruiter) => recruiter.email === DEMO_RECRUITER.email);
  if (kept)
    return `demo recruiter ${String(kept._id)} kept from an earlier run; a new key: npm run cli -- recruiters rotate ${String(kept._id)}`;
  const { apiKey } = await db.recruiters.create(DEMO_RECRUITER);
  return `demo API key: ${apiKey}`;
}
