import { z } from 'zod';
import { PLACEMENT_CONTEXTS, PLACEMENT_THEMES } from '../../domain/placement';
import { CATEGORIES, WORKPLACES } from '../../domain/posting';
import { jobSummary } from './job-summary.schema';

const dateTime = z.iso.datetime({ offset: true });

/** A publisher's placement as the publisher API shows it; never the publisher id. */
export const placementView = z
  .object({
    id: z.string(),
    name: z.string(),
    allowedOrigins: z.array(z.string()),
    filters: z.object({
      q: z.string().nullable(),
      companies: z.array(z.string()),
      countries: z.array(z.string()).meta({ description: 'ISO 3166-1 alpha-2' }),
      categories: z.array(z.enum(CATEGORIES)),
      workplace: z.enum(WORKPLACES).nullable(),
      maxAgeDays: z.number().int().nullable(),
    }),
    limit: z.number().int(),
    heading: z.string().nullable(),
    locale: z.string(),
    theme: z.enum(PLACEMENT_THEMES),
    context: z.enum(PLACEMENT_CONTEXTS),
    jobsUrl: z
      .string()
      .meta({ description: 'The public list of this placement, /api/v1/placements/{id}/jobs' }),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'Placement' });

export const placementResponse = z.object({ placement: placementView });
export const placementListResponse = z.object({ placements: z.array(placementView) });

/** GET /api/v1/placements/:id/jobs: what a widget needs to draw the list, and the list. */
export const placementJobsResponse = z.object({
  placement: z.object({
    id: z.string(),
    heading: z.string().nullable(),
    locale: z.string(),
    theme: z.enum(PLACEMENT_THEMES),
    context: z.enum(PLACEMENT_CONTEXTS).meta({
      description:
        '"meta": ask again with the host page’s keywords as `context` to have the list ranked by them',
    }),
  }),
  jobs: z.array(jobSummary),
});
