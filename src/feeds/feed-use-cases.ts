import { beginPostingsWrite } from '../cache/postings-version';
import type { RedisClient } from '../queue/redis';
import type { Database } from '../data/database';
import type { FeedRun } from '../data/feed-run.schema';
import type { FeedOwner } from '../data/feed.repository';
import type { Feed, FeedStatus } from '../data/feed.schema';
import { AppError, NotFoundError, RetryLaterError } from '../errors';
import { queueFirstPoll, requestManualRun } from '../queue/feed-polls';
import type { Queues } from '../queue/queues';
import { validate } from '../validate';
import { createFeedBody, updateFeedBody } from './feed-input.schema';

/**
 * The feed use-cases the recruiter API, the CLI and the admin pages share: one validation, one duplicate rule, one
 * first poll, one cache invalidation. A recruiter acts on their own feeds (anyone else's is not found); the
 * operator (`'all'`) on every feed, and the feeds it creates belong to no recruiter.
 */
export interface FeedUseCaseDependencies {
  db: Database;
  queues: Pick<Queues, 'ingest'>;
  redis: RedisClient;
  queuePrefix: string;
  /** After postings were removed: the read caches of every API process are stale. */
  onPostingsChanged(): Promise<void>;
}

export interface FeedWithCount {
  feed: Feed;
  activePostings: number;
}

const RECENT_RUNS = 10;

/** Registers a feed and queues its first poll now. The same URL twice for one owner is a 409. */
export async function createFeed(
  deps: FeedUseCaseDependencies,
  owner: FeedOwner,
  input: unknown,
): Promise<FeedWithCount> {
  const body = validate(createFeedBody, input);
  let feed: Feed;
  try {
    feed = await deps.db.feeds.create({
      name: body.name,
      url: body.url,
      format: body.format ?? null,
      company: body.company ?? null,
      personioAccount: body.personioAccount ?? null,
      mapping: body.mapping ?? null,
      intervalMinutes: body.intervalMinutes,
      recruiterId: owner === 'all' ? null : owner,
    });
  } catch (error) {
    if ((error as { code?: number }).code === 11000)
      throw new AppError('feed_exists', `The feed ${body.url} has already been added`, { status: 409 });
    throw error;
  }
  await queueFirstPoll(deps.db, deps.queues, feed);
  return { feed: (await deps.db.feeds.findById(feed._id)) ?? feed, activePostings: 0 };
}

export async function listFeeds(
  deps: Pick<FeedUseCaseDependencies, 'db'>,
  owner: FeedOwner,
  filter: { status?: FeedStatus } = {},
): Promise<FeedWithCount[]> {
  const feeds = await deps.db.feeds.list({ ...filter, owner });
  const active = await deps.db.postings.countActiveByFeed(feeds.map((feed) => feed._id));
  return feeds.map((feed) => ({ feed, activePostings: active.get(String(feed._id)) ?? 0 }));
}

export async function findFeed(deps: FeedUseCaseDependencies, owner: FeedOwner, id: string): Promise<Feed> {
  const feed = await deps.db.feeds.findOwned(id, owner);
  if (!feed) throw new NotFoundError('Feed');
  return feed;
}

export async function getFeed(
  deps: FeedUseCaseDependencies,
  owner: FeedOwner,
  id: string,
): Promise<FeedWithCount & { runs: FeedRun[] }> {
  const feed = await findFeed(deps, owner, id);
  const [activePostings, runs] = await Promise.all([
    deps.db.postings.countActive(feed._id),
    deps.db.feedRuns.listForFeed(feed._id, RECENT_RUNS),
  ]);
  return { feed, activePostings, runs };
}

/** Changes a feed; `paused: true` stops its polls (its postings stay listed), `paused: false` polls it at once. */
export async function updateFeed(
  deps: FeedUseCaseDependencies,
  owner: FeedOwner,
  id: string,
  input: unknown,
): Promise<FeedWithCount> {
  const changes = validate(updateFeedBody, input);
  const feed = await deps.db.feeds.updateOwned(id, owner, changes);
  if (!feed) throw new NotFoundError('Feed');
  return { feed, activePostings: await deps.db.postings.countActive(feed._id) };
}

/** Removes a feed and its postings (nobody can see or restore a deleted feed, so they have no use left). */
export async function deleteFeed(deps: FeedUseCaseDependencies, owner: FeedOwner, id: string): Promise<void> {
  // Marked before anything is removed: with Redis away the feed stays whole instead of losing it without its postings.
  const endWrite = await beginPostingsWrite(deps.redis, deps.queuePrefix);
  try {
    const feed = await deps.db.feeds.deleteOwned(id, owner);
    if (!feed) throw new NotFoundError('Feed');
    await deps.db.postings.deleteForFeed(feed._id);
    await deps.onPostingsChanged();
  } finally {
    await endWrite();
  }
}

/** Queues a poll now, at most once a minute per feed; a paused feed is refused. */
export async function runFeedNow(
  deps: FeedUseCaseDependencies,
  owner: FeedOwner,
  id: string,
): Promise<{ feedId: string; jobId: string; queued: true }> {
  const feed = await findFeed(deps, owner, id);
  if (feed.status === 'paused')
    throw new AppError('feed_paused', 'The feed is paused: resume it to poll it', { status: 409 });
  const feedId = String(feed._id);
  const run = await requestManualRun(deps.redis, deps.queues, deps.queuePrefix, feedId);
  if (!run.queued)
    throw new RetryLaterError(
      `This feed was polled on request less than a minute ago: retry in ${run.retryAfterSeconds} s`,
      run.retryAfterSeconds,
    );
  return { feedId, jobId: run.jobId, queued: true };
}
