import { Types, type Model } from 'mongoose';
import { RANKINGS, type Ranking } from '../domain/events';
import type { EventCount } from './event-count.schema';
import type { Placement } from './placement.schema';
import type { Posting } from './posting.schema';

export interface Counts {
  impressions: number;
  clicks: number;
  /** clicks / impressions; null when nothing was shown. */
  ctr: number | null;
}

/** Whose counts: one placement's, or one feed's postings wherever they were shown. */
type StatsScope = { placementId: Types.ObjectId } | { feedId: Types.ObjectId };

/** UTC days, YYYY-MM-DD, both included. */
export interface DayRange {
  from: string;
  to: string;
}

export interface DayCounts extends Counts {
  day: string;
}

export interface PostingCounts extends Counts {
  postingId: Types.ObjectId;
  /** Null when the posting has been deleted since. */
  title: string | null;
  company: string | null;
}

export interface PlacementCounts extends Counts {
  /** Null: the anonymous widget, the embed page without a placement, and feed readers. */
  placementId: Types.ObjectId | null;
  /** Null when the placement has been deleted since. */
  name: string | null;
}

export interface Overview {
  totals: Counts;
  /** Every day of the range, the ones without events as zeros. */
  days: DayCounts[];
  byRanking: Record<Ranking, Counts>;
}

interface Summed {
  impressions: number;
  clicks: number;
}

const DAY_MS = 86_400_000;

function withCtr({ impressions, clicks }: Summed): Counts {
  return { impressions, clicks, ctr: impressions > 0 ? clicks / impressions : null };
}

/** Every UTC day from `from` to `to`. */
export function daysOf({ from, to }: DayRange): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += DAY_MS)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

const zero = (): Summed => ({ impressions: 0, clicks: 0 });

function addTo<K>(map: Map<K, Summed>, key: K, counts: Summed): void {
  let into = map.get(key);
  if (!into) map.set(key, (into = zero()));
  into.impressions += counts.impressions;
  into.clicks += counts.clicks;
}

/** Most clicked first, then most shown; the id breaks ties so the order is stable. */
function mostClicked<K>(map: Map<K, Summed>): [K, Summed][] {
  return [...map].sort(
    ([a, x], [b, y]) =>
      y.clicks - x.clicks || y.impressions - x.impressions || String(a).localeCompare(String(b)),
  );
}

type Row = Pick<EventCount, 'day' | 'ranking' | 'postingId' | 'placementId' | 'impressions' | 'clicks'>;

interface Sums {
  overview: Overview;
  byPosting: Map<string, Summed>;
  /** Keyed by placement id, '' for no placement. */
  byPlacement: Map<string, Summed>;
}

/**
 * Reads of the minute roll-up's `event_counts`. Each is one range of the `{ placementId, day }` or `{ feedId, day }`
 * index, streamed and summed here: FerretDB's `$group` sums only its first accumulator, and a cursor keeps memory
 * to the sums whatever the range holds.
 */
export function createEventStatsRepository(models: {
  eventCounts: Model<EventCount>;
  postings: Model<Posting>;
  placements: Model<Placement>;
}) {
  const { eventCounts, postings, placements } = models;

  async function sums(scope: StatsScope, range: DayRange): Promise<Sums> {
    const totals = zero();
    const byDay = new Map(daysOf(range).map((day) => [day, zero()]));
    const byRanking = new Map(RANKINGS.map((ranking) => [ranking, zero()]));
    const byPosting = new Map<string, Summed>();
    const byPlacement = new Map<string, Summed>();
    const rows = eventCounts
      .find(
        { ...scope, day: { $gte: range.from, $lte: range.to } },
        { _id: 0, day: 1, ranking: 1, postingId: 1, placementId: 1, impressions: 1, clicks: 1 },
      )
      .lean<Row[]>()
      .cursor();
    for await (const row of rows as AsyncIterable<Row>) {
      totals.impressions += row.impressions;
      totals.clicks += row.clicks;
      addTo(byDay, row.day, row);
      addTo(byRanking, row.ranking, row);
      addTo(byPosting, String(row.postingId), row);
      addTo(byPlacement, row.placementId ? String(row.placementId) : '', row);
    }
    return {
      overview: {
        totals: withCtr(totals),
        days: [...byDay].map(([day, counts]) => ({ day, ...withCtr(counts) })),
        byRanking: Object.fromEntries(
          RANKINGS.map((ranking) => [ranking, withCtr(byRanking.get(ranking)!)]),
        ) as Record<Ranking, Counts>,
      },
      byPosting,
      byPlacement,
    };
  }

  /** The `limit` postings with the most clicks, then impressions, with their title and company (one `$in` read). */
  async function topPostings(byPosting: Map<string, Summed>, limit: number): Promise<PostingCounts[]> {
    const top = mostClicked(byPosting).slice(0, limit);
    if (!top.length) return [];
    const found = await postings
      .find({ _id: { $in: top.map(([id]) => new Types.ObjectId(id)) } }, { title: 1, company: 1 })
      .lean<Pick<Posting, '_id' | 'title' | 'company'>[]>();
    const byId = new Map(found.map((posting) => [String(posting._id), posting]));
    return top.map(([id, counts]) => ({
      postingId: new Types.ObjectId(id),
      title: byId.get(id)?.title ?? null,
      company: byId.get(id)?.company ?? null,
      ...withCtr(counts),
    }));
  }

  /** Every placement, most clicked first, with its name (one `$in` read). */
  async function placementsOf(byPlacement: Map<string, Summed>): Promise<PlacementCounts[]> {
    const rows = mostClicked(byPlacement);
    const ids = rows.flatMap(([id]) => (id ? [new Types.ObjectId(id)] : []));
    const found = ids.length
      ? await placements.find({ _id: { $in: ids } }, { name: 1 }).lean<Pick<Placement, '_id' | 'name'>[]>()
      : [];
    const names = new Map(found.map((placement) => [String(placement._id), placement.name]));
    return rows.map(([id, counts]) => ({
      placementId: id ? new Types.ObjectId(id) : null,
      name: id ? (names.get(id) ?? null) : null,
      ...withCtr(counts),
    }));
  }

  return {
    /** A placement's totals, days and rankings, and its `top` postings. */
    async forPlacement(
      placementId: Types.ObjectId,
      range: DayRange,
      top: number,
    ): Promise<Overview & { topPostings: PostingCounts[] }> {
      const { overview, byPosting } = await sums({ placementId }, range);
      return { ...overview, topPostings: await topPostings(byPosting, top) };
    },

    /** A feed's totals, days and rankings, its `top` postings, and every placement that showed them. */
    async forFeed(
      feedId: Types.ObjectId,
      range: DayRange,
      top: number,
    ): Promise<Overview & { postings: PostingCounts[]; placements: PlacementCounts[] }> {
      const { overview, byPosting, byPlacement } = await sums({ feedId }, range);
      const [postingCounts, placementCounts] = await Promise.all([
        topPostings(byPosting, top),
        placementsOf(byPlacement),
      ]);
      return { ...overview, postings: postingCounts, placements: placementCounts };
    },
  };
}

export type EventStatsRepository = ReturnType<typeof createEventStatsRepository>;
