import { Schema, Types } from 'mongoose';

/** Click-throughs on one posting on one UTC day, from the widget, embed page and feeds (GET /r/:id). */
export interface Click {
  _id: Types.ObjectId;
  postingId: Types.ObjectId;
  /** The posting's feed, so a recruiter's counts are one query over their feeds. */
  feedId: Types.ObjectId;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  count: number;
}

export const clickSchema = new Schema<Click>(
  {
    postingId: { type: Schema.Types.ObjectId, required: true },
    feedId: { type: Schema.Types.ObjectId, required: true },
    day: { type: String, required: true },
    count: { type: Number, default: 0 },
  },
  { collection: 'clicks', versionKey: false },
);

// The counting upsert `{ postingId, day }` $inc: one counter per posting per day.
clickSchema.index({ postingId: 1, day: 1 }, { unique: true });
// A recruiter's counts: `{ feedId: { $in }, day: { $gte } }`.
clickSchema.index({ feedId: 1, day: 1 });
