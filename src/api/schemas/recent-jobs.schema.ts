import { z } from 'zod';
import { CATEGORIES, WORKPLACES } from '../../domain/posting';

const text = (max: number) => z.string({ error: 'must be a single text value' }).trim().max(max).optional();
const LIMIT_MESSAGE = 'must be a whole number from 1 to 50';

/** GET /api/v1/jobs/recent. Unknown parameters are refused, so `?company[$ne]=x` is a 400 naming it. */
export const recentJobsQuery = z
  .strictObject({
    limit: z.coerce
      .number({ error: LIMIT_MESSAGE })
      .int(LIMIT_MESSAGE)
      .min(1, LIMIT_MESSAGE)
      .max(50, LIMIT_MESSAGE)
      .default(6),
    q: text(100),
    /** Keywords of the page the list is shown on; ranks postings by overlap, then recency. */
    context: text(500),
    company: text(200),
    remote: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((v) => v === 'true')
      .optional(),
    category: z.enum(CATEGORIES, { error: `must be one of ${CATEGORIES.join(', ')}` }).optional(),
    /** ISO 3166-1 alpha-2, any case. */
    country: z
      .string({ error: 'must be a two-letter ISO 3166-1 country code' })
      .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166-1 country code')
      .transform((code) => code.toUpperCase())
      .optional(),
    workplace: z.enum(WORKPLACES, { error: `must be one of ${WORKPLACES.join(', ')}` }).optional(),
  })
  .transform((query) => ({
    ...query,
    q: query.q || undefined,
    company: query.company || undefined,
    context: query.context || undefined,
  }));

export type RecentJobsQuery = z.output<typeof recentJobsQuery>;
