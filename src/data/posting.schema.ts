import { Schema, Types } from 'mongoose';
import {
  CATEGORIES,
  EMPLOYMENT_TYPES,
  SALARY_PERIODS,
  SENIORITIES,
  WORKPLACES,
  type PreparedPosting,
} from '../domain/posting';

export const POSTING_STATUSES = ['active', 'expired'] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];

export interface Posting extends PreparedPosting {
  _id: Types.ObjectId;
  feedId: Types.ObjectId;
  /**
   * The feed's recruiter, null for the operator's feeds: duplicates of different owners are never merged. Absent on
   * postings stored before owners were recorded, which read as the operator's until their feed's next poll.
   */
  ownerId?: Types.ObjectId | null;
  /** postedAt, or firstSeenAt when the feed gives no date: the recent list's sort key. */
  listedAt: Date;
  firstSeenAt: Date;
  /** When the posting was last written: inserted, changed, or back after missing. */
  lastSeenAt: Date;
  /** Successful full fetches of its feed in a row that did not carry it; two expire it. */
  missedFetches: number;
  status: PostingStatus;
  /** searchTerms of title, company and snippet: what `?q=` matches (search-terms.ts). */
  terms: string[];
  /** The company trimmed and lower-cased: what `?company=` matches. */
  companyKey: string | null;
  /** True on exactly one active posting per job, its canonical one (canonical-postings.ts): what the lists show. */
  listed: boolean;
}

const salarySchema = new Schema(
  {
    min: { type: Number, default: null },
    max: { type: Number, default: null },
    currency: { type: String, default: null },
    period: { type: String, enum: [...SALARY_PERIODS, null], default: null },
  },
  { _id: false },
);

const placeSchema = new Schema(
  {
    city: { type: String, default: null },
    region: { type: String, default: null },
    country: { type: String, default: null },
  },
  { _id: false },
);

export const postingSchema = new Schema<Posting>(
  {
    feedId: { type: Schema.Types.ObjectId, required: true },
    ownerId: { type: Schema.Types.ObjectId, default: null },
    externalId: { type: String, required: true },
    title: { type: String, required: true },
    company: { type: String, default: null },
    snippet: { type: String, default: '' },
    url: { type: String, required: true },
    postedAt: { type: Date, default: null },
    validThrough: { type: Date, default: null },
    location: { type: String, default: null },
    remote: { type: Boolean, default: false },
    workplace: { type: String, enum: [...WORKPLACES, null], default: null },
    place: { type: placeSchema, default: null },
    category: { type: String, enum: [...CATEGORIES, null], default: null },
    seniority: { type: String, enum: [...SENIORITIES, null], default: null },
    employmentType: { type: String, enum: [...EMPLOYMENT_TYPES, null], default: null },
    salary: { type: salarySchema, default: null },
    fingerprint: { type: String, required: true },
    contentHash: { type: String, required: true },
    listedAt: { type: Date, required: true },
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    missedFetches: { type: Number, default: 0 },
    status: { type: String, enum: POSTING_STATUSES, default: 'active' },
    terms: { type: [String], default: undefined },
    companyKey: { type: String, default: null },
    listed: { type: Boolean, default: false },
  },
  { collection: 'postings', versionKey: false },
);

// Idempotent ingest: one posting per partner id per feed; the upsert filter `{ feedId, externalId }`. Also a feed's
// postings `{ feedId }` (load for a run, delete with the feed) and `{ feedId } sort { externalId: 1 }`.
postingSchema.index({ feedId: 1, externalId: 1 }, { unique: true });
// A feed's active postings, counted for a run and on the admin page: `{ feedId (or $in), status: 'active' }`; and
// those that missed the last fetch, expired by an unchanged one: `{ feedId, status: 'active', missedFetches: { $gt } }`.
postingSchema.index({ feedId: 1, status: 1, missedFetches: 1 });
// The recent list and a placement's list are one query: `{ listed: true, <filters>, listedAt: { $gte } } sort
// { listedAt: -1, _id: -1 } limit(n)`, plus a `validThrough` check on the postings the index finds. Each index below
// binds the equality filters of one combination, then gives the sort, then bounds listedAt; one value or several
// (`$in`, a placement's companies, countries, categories) use the same index.
// No filter, or only a placement's maxAgeDays; also the backfill of `{ listed: { $exists: false } }` at connect.
postingSchema.index({ listed: 1, listedAt: -1, _id: -1 });
// ?company= (a placement's companies).
postingSchema.index({ listed: 1, companyKey: 1, listedAt: -1, _id: -1 });
// ?q= (`terms: { $all }`); led by terms so the backfill of `{ terms: { $exists: false } }` uses it too.
postingSchema.index({ terms: 1, listed: 1, listedAt: -1, _id: -1 });
// ?remote=.
postingSchema.index({ listed: 1, remote: 1, listedAt: -1, _id: -1 });
// ?category= (a placement's categories).
postingSchema.index({ listed: 1, category: 1, listedAt: -1, _id: -1 });
// ?country= (a placement's countries).
postingSchema.index({ listed: 1, 'place.country': 1, listedAt: -1, _id: -1 });
// ?workplace=.
postingSchema.index({ listed: 1, workplace: 1, listedAt: -1, _id: -1 });
// ?company= with ?country=: a company's jobs in one country.
postingSchema.index({ listed: 1, companyKey: 1, 'place.country': 1, listedAt: -1, _id: -1 });
// ?category= with ?workplace=: remote engineering jobs.
postingSchema.index({ listed: 1, category: 1, workplace: 1, listedAt: -1, _id: -1 });
// ?category= with ?country=: nursing jobs in Germany.
postingSchema.index({ listed: 1, category: 1, 'place.country': 1, listedAt: -1, _id: -1 });
// ?workplace= with ?country=: hybrid jobs in Germany.
postingSchema.index({ listed: 1, workplace: 1, 'place.country': 1, listedAt: -1, _id: -1 });
// ?q= with ?country=: words in one country.
postingSchema.index({ terms: 1, listed: 1, 'place.country': 1, listedAt: -1, _id: -1 });
// Deciding a job's listed posting after a write: `{ fingerprint: { $in } }`, a handful of postings per fingerprint.
postingSchema.index({ fingerprint: 1 });
// The scheduler's repair of jobs listed twice: `$match { listed: true }` then `$group` by fingerprint, read off the
// index alone.
postingSchema.index({ listed: 1, fingerprint: 1 });
// The scheduler's sweep of postings past their end date: `{ status: 'active', validThrough: { $lt: now } }`.
postingSchema.index({ status: 1, validThrough: 1 });
