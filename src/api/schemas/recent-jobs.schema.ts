import { z } from 'zod';
import { listFilterParameters, listQuery, withoutBlankText } from '../../domain/list-filters.schema';

const LIMIT_MESSAGE = 'must be a whole number from 1 to 50';

/** The parameters of the recent list, which the embed page extends. */
export const recentJobsParameters = {
  limit: z.coerce
    .number({ error: LIMIT_MESSAGE })
    .int(LIMIT_MESSAGE)
    .min(1, LIMIT_MESSAGE)
    .max(50, LIMIT_MESSAGE)
    .default(6),
  q: listFilterParameters.q,
  context: listFilterParameters.context,
  company: listFilterParameters.company,
  remote: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  category: listFilterParameters.category,
  country: listFilterParameters.country,
  workplace: listFilterParameters.workplace,
};

/** GET /api/v1/jobs/recent, and the feeds of the same list. */
export const recentJobsQuery = listQuery(recentJobsParameters).transform(withoutBlankText);

export type RecentJobsQuery = z.output<typeof recentJobsQuery>;
