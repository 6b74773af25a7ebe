import { z } from 'zod';
import { PLACEMENT_THEMES } from '../../domain/placement';
import { listQuery, withoutBlankText } from '../../domain/list-filters.schema';
import { languageTag } from '../../placements/placement-input.schema';
import { recentJobsParameters } from './recent-jobs.schema';

const LIMIT_MESSAGE = 'must be a whole number from 1 to 50';

/**
 * GET /embed/recent: the recent list's parameters, or a placement's list narrowed by them (`placement`), drawn in a
 * theme and a locale (the placement's unless given).
 */
export const embedPageQuery = listQuery({
  ...recentJobsParameters,
  // Without a default: a placement lists its own limit unless a lower one is asked for.
  limit: z.coerce
    .number({ error: LIMIT_MESSAGE })
    .int(LIMIT_MESSAGE)
    .min(1, LIMIT_MESSAGE)
    .max(50, LIMIT_MESSAGE)
    .optional(),
  placement: z.string({ error: 'must be a single placement id' }).optional(),
  theme: z.enum(PLACEMENT_THEMES, { error: `must be one of ${PLACEMENT_THEMES.join(', ')}` }).optional(),
  locale: languageTag.optional(),
})
  .refine((query) => !(query.placement && query.remote !== undefined), {
    path: ['remote'],
    error: 'a placement’s list takes workplace, not remote',
  })
  .transform(withoutBlankText);
export type EmbedPageQuery = z.output<typeof embedPageQuery>;
