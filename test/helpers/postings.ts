import type { Types } from 'mongoose';
import type { Database } from '../../src/data/database';
import { withStoreHashes } from '../../src/ingest/normalize/hashes';
import type { PreparedPosting } from '../../src/domain/posting';

/** A normalized posting as an ingest would store it; fields override the defaults. */
/** A date this many hours before now. */
export const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

export function preparedPosting(externalId: string, fields: Partial<PreparedPosting> = {}): PreparedPosting {
  const base = {
    externalId,
    title: `Title ${externalId}`,
    company: 'Acme',
    snippet: 'A job.',
    url: `https://jobs.example.com/${externalId}`,
    postedAt: new Date('2026-11-01T00:00:00Z'),
    validThrough: null,
    location: 'Berlin',
    remote: false,
    workplace: fields.remote ? ('remote' as const) : null,
    place: null,
    category: 'other' as const,
    seniority: null,
    employmentType: null,
    salary: null,
    ...fields,
  };
  return withStoreHashes(base, undefined);
}

/** Stores postings straight into the database, bypassing the ingest (and so the cache version bump). */
export async function seedPostings(
  db: Database,
  feedId: Types.ObjectId,
  postings: PreparedPosting[],
  seenAt = new Date(),
): Promise<void> {
  await db.postings.writeBatch(feedId, postings, seenAt, await db.postings.loadForFeed(feedId));
}
