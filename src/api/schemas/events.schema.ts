import { z } from 'zod';
import {
  MAX_BEACON_IMPRESSIONS,
  MIN_CLICK_DWELL_MS,
  ORIGIN,
  RANKINGS,
  REJECTION_REASONS,
  type EventBeacon,
} from '../../domain/events';

const id = (what: string) => z.string().regex(/^[a-f\d]{24}$/i, `must be a ${what} id`);
const origin = z.string().max(300).regex(ORIGIN, 'must be an origin such as https://news.example');

/** The body of POST /api/v1/events (src/domain/events.ts EventBeacon); unknown fields are refused. */
export const eventBeaconBody = z
  .strictObject({
    placement: id('placement')
      .nullable()
      .meta({ description: 'The placement id; null for the anonymous widget' }),
    host: origin.optional().meta({
      description:
        'From the embed page only: the origin of the page that frames it, checked against allowedOrigins',
    }),
    impressions: z
      .array(z.strictObject({ posting: id('posting'), ranking: z.enum(RANKINGS) }))
      .min(1)
      .max(MAX_BEACON_IMPRESSIONS)
      .meta({ description: 'The postings at least half visible for one second, once per page view' }),
  })
  .meta({ id: 'EventBeacon' }) satisfies z.ZodType<EventBeacon>;

/** What one request counted, and what it did not count by reason. */
export const eventSummaryResponse = z
  .object({
    counted: z.number().int(),
    rejected: z.object(Object.fromEntries(REJECTION_REASONS.map((reason) => [reason, z.number().int()]))),
  })
  .meta({ id: 'EventSummary' });

/**
 * The click parameters of GET /r/:id, documented for the OpenAPI document only: the route reads them leniently
 * (see click-params.ts), since a bad value must not keep a person from the job.
 */
export const clickQuery = z.object({
  p: id('placement').optional().meta({ description: 'The placement whose list the link was in' }),
  host: origin
    .optional()
    .meta({ description: 'From the embed page only: the origin of the page that frames it' }),
  ranking: z.enum(RANKINGS).optional().meta({ description: 'How that list was ordered (default recency)' }),
  dwell: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .meta({
      description: `Milliseconds the list had been shown; with p, a click under ${MIN_CLICK_DWELL_MS} ms is not counted`,
    }),
});
