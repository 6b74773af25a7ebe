import { z } from 'zod';

const counts = {
  impressions: z.number().int(),
  clicks: z.number().int(),
  ctr: z
    .number()
    .nullable()
    .meta({ description: 'clicks / impressions; null when there were no impressions' }),
};
const countsView = z.object(counts).meta({ id: 'EventCounts' });
const day = z.iso.date().meta({ description: 'A UTC day' });

const postingCounts = z
  .object({
    id: z.string(),
    title: z.string().nullable().meta({ description: 'Null when the posting has been deleted since' }),
    company: z.string().nullable(),
    ...counts,
  })
  .meta({ id: 'PostingEventCounts' });

/** What both stats answers share: the range, its totals, every day of it and the split by ranking. */
const overview = {
  from: day,
  to: day,
  totals: countsView,
  days: z
    .array(z.object({ day, ...counts }))
    .meta({ description: 'Every day from `from` to `to`, days without events as zeros' }),
  byRanking: z.object({ context: countsView, recency: countsView }).meta({
    description: 'Lists ranked by the host page’s keywords (context) against newest first (recency)',
  }),
};

export const placementStatsResponse = z.object({
  placement: z.object({ id: z.string(), name: z.string() }),
  ...overview,
  topPostings: z
    .array(postingCounts)
    .meta({ description: 'The 10 postings with the most clicks, then impressions' }),
});

export const feedStatsResponse = z.object({
  feed: z.object({ id: z.string(), name: z.string() }),
  ...overview,
  postings: z.array(postingCounts).meta({
    description: 'The feed’s postings with events, at most 100, most clicks then impressions first',
  }),
  placements: z
    .array(
      z.object({
        id: z.string().nullable().meta({
          description: 'Null: the anonymous widget, the embed page without a placement, and feed readers',
        }),
        name: z.string(),
        ...counts,
      }),
    )
    .meta({ description: 'Where the feed’s postings were shown, most clicks then impressions first' }),
});
