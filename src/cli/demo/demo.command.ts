import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import type { Config } from '../../../config';
import { startApi } from '../../api/server';
import { connectDatabase } from '../../data/database';
import { handleShutdown } from '../../lifecycle';
import { createLogger } from '../../logger';
import { enqueueIngest, ingestJobId, createQueues } from '../../queue/queues';
import { checkRedisReachable, closeRedis, createRedis, logRedisOutages } from '../../queue/redis';
import { startWorkers } from '../../../workers/start-workers';
import type { CliContext } from '../context';
import { demoArticleRouter } from './demo-article';
import { demoIndeedFeed, demoRssFeed } from './demo-feeds';

const DEMO_DB = 'jobfeed_demo';
const DEMO_QUEUE_PREFIX = 'jobfeed-demo';

export function registerDemoCommand(program: Command, { loadConfig }: CliContext): void {
  program
    .command('demo')
    .description(
      'run the API and a worker on built-in demo feeds (needs MONGO_URL and REDIS_URL, see `npm run services`)',
    )
    .action(() => runDemo(loadConfig()));
}

async function runDemo(loaded: Config): Promise<void> {
  const config: Config = {
    ...loaded,
    // The demo feeds are served from this machine, which the fetcher's private-address guard would refuse.
    fetch: { ...loaded.fetch, allowPrivate: true },
    queuePrefix: DEMO_QUEUE_PREFIX,
  };
  const logger = createLogger(config);

  await checkRedisReachable(config.redisUrl);
  const feedServer = await serveDemoFeeds();
  const db = await connectDatabase(config.mongoUrl, {
    dbName: DEMO_DB,
    maxPostingAgeDays: config.feeds.maxPostingAgeDays,
  });
  await db.connection.dropDatabase();
  await db.connection.syncIndexes();
  const redis = createRedis(config.redisUrl, 'worker');
  logRedisOutages(redis, logger);
  const workers = await startWorkers({ config, db, redis, logger });

  const queues = createQueues(redis, config.queuePrefix, config.worker);
  const api = await startApi({ config, db, logger, redis, queues, extraRouters: [demoArticleRouter()] });

  const demoFeeds = [
    { name: 'Demo staffing network (Indeed XML)', path: '/staffing.xml' },
    { name: 'Newsroom careers (RSS)', path: '/newsroom.rss' },
  ];
  for (const { name, path } of demoFeeds) {
    const feed = await db.feeds.create({ name, url: `${feedServer.url}${path}`, intervalMinutes: 15 });
    await enqueueIngest(queues, String(feed._id), ingestJobId.manual(String(feed._id), new Date()));
  }
  const { apiKey } = await db.recruiters.create({ name: 'Demo recruiter', email: 'demo@example.com' });

  process.stdout.write(
    `\n  Open ${api.url}/demo to see the Recent Posts widget on a sample article.\n\n` +
      `jobfeed demo is running.\n  Recent jobs: ${api.url}/api/v1/jobs/recent\n` +
      `  Embed: <script async src="${api.url}/widget.js"></script> <div data-jobfeed data-limit="6"></div>\n` +
      `  Also: ${api.url}/embed/recent, ${api.url}/feeds/recent.rss, ${api.url}/feeds/recent.json\n` +
      `  Recruiter page: ${api.url}/recruiters (demo API key: ${apiKey})\n` +
      `  Press Ctrl+C to stop.\n\n`,
  );
  handleShutdown(
    [
      { name: 'http', run: () => api.close() },
      { name: 'workers', run: () => workers.close() },
      { name: 'queues', run: () => queues.close() },
      { name: 'redis', run: () => closeRedis(redis) },
      { name: 'mongodb', run: () => db.close() },
      { name: 'demo feeds', run: () => new Promise((resolve) => feedServer.server.close(resolve)) },
    ],
    logger,
    config.shutdownTimeoutMs,
  );
}

async function serveDemoFeeds(): Promise<{ server: Server; url: string }> {
  let baseUrl = '';
  const server = createServer((req, res) => {
    const body =
      req.url === '/staffing.xml'
        ? demoIndeedFeed(baseUrl)
        : req.url === '/newsroom.rss'
          ? demoRssFeed(baseUrl)
          : null;
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url: baseUrl };
}
