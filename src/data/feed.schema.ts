import { Schema, Types } from 'mongoose';
import type { FieldMapping } from '../domain/field-mapping';

export const FEED_STATUSES = ['active', 'paused', 'failing'] as const;
export type FeedStatus = (typeof FEED_STATUSES)[number];

export interface Feed {
  _id: Types.ObjectId;
  name: string;
  url: string;
  /** A format name, or null to detect it from each response. */
  format: string | null;
  /** Used for postings that name no company. */
  company: string | null;
  /** The Personio account whose job pages a Personio feed served from another host links to. */
  personioAccount: string | null;
  /** Where a feed in no standard format keeps its fields (CSS selectors or dotted paths); null for standard feeds. */
  mapping?: FieldMapping | null;
  /** Null for feeds added by an operator. */
  recruiterId: Types.ObjectId | null;
  intervalMinutes: number;
  status: FeedStatus;
  nextRunAt: Date;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  /** The start of the last successful run that read the whole feed (a 304 is not one): expiry counts from it. */
  consecutiveFailures: number;
  lastError: string | null;
  etag: string | null;
  lastModified: string | null;
  /**
   * The last successful full read's BodyDigest digests (src/ingest/body-digest.ts), null when there is none or a read
   * since may have written postings: while set, they describe the feed's stored postings.
   */
  bodyDigests: string[] | null;
  /** Active postings the last full read did not carry, missing one fetch: the next unchanged read expires them. */
  postingsMissedOnce: number;
  createdAt: Date;
  updatedAt: Date;
}

export const feedSchema = new Schema<Feed>(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    url: { type: String, required: true, maxlength: 2048 },
    format: { type: String, default: null },
    company: { type: String, default: null, maxlength: 200 },
    personioAccount: { type: String, default: null, maxlength: 63 },
    mapping: { type: Schema.Types.Mixed, default: null },
    recruiterId: { type: Schema.Types.ObjectId, default: null },
    intervalMinutes: { type: Number, required: true, min: 1, max: 1440 },
    status: { type: String, enum: FEED_STATUSES, default: 'active' },
    nextRunAt: { type: Date, required: true },
    lastRunAt: { type: Date, default: null },
    lastSuccessAt: { type: Date, default: null },
    consecutiveFailures: { type: Number, default: 0 },
    lastError: { type: String, default: null },
    etag: { type: String, default: null },
    lastModified: { type: String, default: null },
    bodyDigests: { type: [String], default: null },
    postingsMissedOnce: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'feeds' },
);

// The scheduler tick: feeds due now, `{ status: { $ne: 'paused' }, nextRunAt: { $lte: now } } sort { nextRunAt: 1 }`;
// status after the sort key, so paused feeds are skipped on the index keys.
feedSchema.index({ nextRunAt: 1, status: 1 });
// A recruiter registers a URL once (the insert fails on a second one).
feedSchema.index({ recruiterId: 1, url: 1 }, { unique: true });
// A recruiter's feeds: `{ recruiterId } sort { createdAt: 1 }` (GET /api/v1/feeds).
feedSchema.index({ recruiterId: 1, createdAt: 1 });
// Feeds by status: `{ status } sort { createdAt: 1 }` (`feeds list --status`) and `{ status }` counted for /metrics.
feedSchema.index({ status: 1, createdAt: 1 });
// Every feed: `{} sort { createdAt: 1 }` (the admin page, `feeds list`).
feedSchema.index({ createdAt: 1 });
