import { Schema, Types } from 'mongoose';

export const RUN_STATUSES = ['running', 'succeeded', 'unchanged', 'not_modified', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunCounts {
  seen: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** The read's quality report: per field, how many of the items seen have it; warnings for values that look wrong. */
export interface RunQuality {
  fields: Record<string, { present: number; of: number }>;
  warnings: string[];
}

export interface FeedRun {
  _id: Types.ObjectId;
  feedId: Types.ObjectId;
  /** The queue job that ran it: a retried job updates the same run. */
  jobId: string;
  status: RunStatus;
  attempts: number;
  startedAt: Date;
  finishedAt: Date | null;
  format: string | null;
  counts: RunCounts;
  warnings: string[];
  rejectedSamples: { reason: string; sample: string }[];
  error: string | null;
  /** Why a succeeded run expired nothing ("the document was cut short"); null when expiry ran. */
  expirySkipped: string | null;
  quality: RunQuality | null;
}

export const feedRunSchema = new Schema<FeedRun>(
  {
    feedId: { type: Schema.Types.ObjectId, required: true },
    jobId: { type: String, required: true },
    status: { type: String, enum: RUN_STATUSES, required: true },
    attempts: { type: Number, default: 1 },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    format: { type: String, default: null },
    counts: {
      seen: { type: Number, default: 0 },
      inserted: { type: Number, default: 0 },
      updated: { type: Number, default: 0 },
      unchanged: { type: Number, default: 0 },
      rejected: { type: Number, default: 0 },
    },
    warnings: { type: [String], default: [] },
    rejectedSamples: { type: [{ reason: String, sample: String, _id: false }], default: [] },
    error: { type: String, default: null },
    quality: { type: Schema.Types.Mixed, default: null },
    expirySkipped: { type: String, default: null },
  },
  { collection: 'feedRuns', versionKey: false },
);

// One run per queue job: the processor upserts `{ jobId }`.
feedRunSchema.index({ jobId: 1 }, { unique: true });
// A feed's recent runs: `{ feedId } sort { startedAt: -1 }`.
feedRunSchema.index({ feedId: 1, startedAt: -1 });
