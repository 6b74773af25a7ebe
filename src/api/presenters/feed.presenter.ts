import type { z } from 'zod';
import type { FeedRun } from '../../data/feed-run.schema';
import type { Feed } from '../../data/feed.schema';
import type { feedRunView, feedView } from '../schemas/responses.schema';

export type FeedView = z.input<typeof feedView>;
export type FeedRunView = z.input<typeof feedRunView>;

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/** A recruiter's feed with its health; never the recruiter id or the partner's cache validators. */
export function presentFeed(feed: Feed, activePostings: number): FeedView {
  return {
    id: String(feed._id),
    name: feed.name,
    url: feed.url,
    format: feed.format,
    company: feed.company,
    personioAccount: feed.personioAccount ?? null,
    mapping: feed.mapping ?? null,
    intervalMinutes: feed.intervalMinutes,
    status: feed.status,
    lastRunAt: iso(feed.lastRunAt),
    lastSuccessAt: iso(feed.lastSuccessAt),
    consecutiveFailures: feed.consecutiveFailures,
    lastError: feed.lastError,
    activePostings,
    nextRunAt: feed.status === 'paused' ? null : iso(feed.nextRunAt),
    createdAt: feed.createdAt.toISOString(),
    updatedAt: feed.updatedAt.toISOString(),
  };
}

const NO_COUNTS = { seen: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };

/** A run still going (upserted by the worker) has no counts, warnings or samples yet. */
export function presentFeedRun(run: FeedRun): FeedRunView {
  return {
    id: String(run._id),
    status: run.status,
    attempts: run.attempts ?? 1,
    startedAt: run.startedAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    format: run.format ?? null,
    counts: { ...NO_COUNTS, ...run.counts },
    warnings: run.warnings ?? [],
    rejected: (run.rejectedSamples ?? []).map(({ reason, sample }) => ({ reason, sample })),
    error: run.error ?? null,
    quality: run.quality ?? null,
    expirySkipped: run.expirySkipped ?? null,
  };
}
