import { z } from 'zod';
import { FEED_HEALTH_SORTS } from '../../admin/feed-health';

export const feedHealthQuery = z.strictObject({
  sort: z
    .enum(FEED_HEALTH_SORTS, { message: `must be one of ${FEED_HEALTH_SORTS.join(', ')}` })
    .default('status'),
});

export const feedRunsParams = z.object({
  id: z.string().regex(/^[a-f\d]{24}$/i, 'must be a feed id'),
});
