import type { Database } from '../data/database';
import type { Placement } from '../data/placement.schema';

/** What counting needs to know of a placement. */
export type PlacementForEvents = Pick<Placement, '_id' | 'allowedOrigins'>;

export interface PlacementLookup {
  /** The placement, or null for an unknown or malformed id; read from MongoDB at most once per `ttlMs` per id. */
  find(id: string): Promise<PlacementForEvents | null>;
}

const MAX_ENTRIES = 10_000;

/**
 * Beacons and clicks name their placement on every widget load: this process keeps each answer (a missing
 * placement included) for `ttlMs`, so counting reads MongoDB once per placement and interval, never per event.
 */
export function createPlacementLookup(db: Database, ttlMs: number): PlacementLookup {
  const entries = new Map<string, { at: number; placement: Promise<PlacementForEvents | null> }>();
  return {
    find(id) {
      const now = Date.now();
      const entry = entries.get(id);
      if (entry && now - entry.at < ttlMs) return entry.placement;
      const placement = db.placements
        .findById(id)
        .then((found) => (found ? { _id: found._id, allowedOrigins: found.allowedOrigins } : null));
      placement.catch(() => entries.delete(id));
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(id, { at: now, placement });
      return placement;
    },
  };
}
