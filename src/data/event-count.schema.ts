import { Schema, Types } from 'mongoose';
import { RANKINGS, type Ranking } from '../domain/events';

/**
 * Counted impressions and clicks of one posting in one placement on one UTC day, split by how the list was ranked.
 * Written only by the minute roll-up of the Redis counters; read by the stats routes.
 */
export interface EventCount {
  _id: Types.ObjectId;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Null for the anonymous widget, the embed page without a placement, and feed readers. */
  placementId: Types.ObjectId | null;
  /** The placement's publisher (null with placementId), so a publisher's totals are one query. */
  publisherId: Types.ObjectId | null;
  postingId: Types.ObjectId;
  /** The posting's feed, so a recruiter's counts are one query over their feeds. */
  feedId: Types.ObjectId;
  ranking: Ranking;
  impressions: number;
  clicks: number;
  /** The roll-up batches already added into this document (see the roll-up): re-running one adds nothing. */
  appliedBatches: string[];
}

export const eventCountSchema = new Schema<EventCount>(
  {
    day: { type: String, required: true },
    placementId: { type: Schema.Types.ObjectId, default: null },
    publisherId: { type: Schema.Types.ObjectId, default: null },
    postingId: { type: Schema.Types.ObjectId, required: true },
    feedId: { type: Schema.Types.ObjectId, required: true },
    ranking: { type: String, enum: RANKINGS, required: true },
    impressions: { type: Number, default: 0 },
    clicks: { type: Number, default: 0 },
    appliedBatches: { type: [String], default: [] },
  },
  { collection: 'event_counts', versionKey: false },
);

// The roll-up's upsert: one document per placement, posting, day and ranking.
eventCountSchema.index({ placementId: 1, postingId: 1, day: 1, ranking: 1 }, { unique: true });
// A placement's stats: `{ placementId, day: { $gte, $lte } }`.
eventCountSchema.index({ placementId: 1, day: 1 });
// A recruiter's feed stats: `{ feedId, day: { $gte, $lte } }`.
eventCountSchema.index({ feedId: 1, day: 1 });
