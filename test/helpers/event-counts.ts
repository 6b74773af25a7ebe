import { Types } from 'mongoose';
import type { Database } from '../../src/data/database';
import type { EventCount } from '../../src/data/event-count.schema';
import type { Ranking } from '../../src/domain/events';

export interface SeededCount {
  day: string;
  placement: { _id: Types.ObjectId; publisherId: Types.ObjectId } | null;
  posting: { _id: Types.ObjectId; feedId: Types.ObjectId };
  ranking: Ranking;
  impressions: number;
  clicks: number;
}

/** Stores event_counts documents as the minute roll-up writes them, straight through the model. */
export async function seedEventCounts(db: Database, counts: SeededCount[]): Promise<void> {
  const model = db.connection.model<EventCount>('EventCount');
  await model.insertMany(
    counts.map(({ day, placement, posting, ranking, impressions, clicks }) => ({
      day,
      placementId: placement?._id ?? null,
      publisherId: placement?.publisherId ?? null,
      postingId: posting._id,
      feedId: posting.feedId,
      ranking,
      impressions,
      clicks,
      appliedBatches: [`seed-${new Types.ObjectId().toHexString()}`],
    })),
  );
}
