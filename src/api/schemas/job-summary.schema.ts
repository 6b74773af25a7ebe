import { z } from 'zod';
import { CATEGORIES, SENIORITIES, WORKPLACES } from '../../domain/posting';

/**
 * One posting in a list (GET /api/v1/jobs/recent, a placement's list): the one definition of its shape. The
 * presenter's return type, the OpenAPI component `JobSummary` and the widget's `Job` type are all derived from it.
 * It imports nothing but zod and the posting's value lists, so the widget's own tsconfig can read its type.
 */
export const jobSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    company: z.string().nullable(),
    snippet: z.string(),
    url: z.string(),
    postedAt: z.iso.datetime({ offset: true }).nullable(),
    age: z.string().meta({ description: 'How old the posting is, in words: "2 years ago"' }),
    remote: z.boolean().meta({ description: "workplace === 'remote'" }),
    workplace: z.enum(WORKPLACES).nullable().meta({ description: 'null when the posting does not say' }),
    place: z
      .object({
        city: z.string().nullable(),
        region: z.string().nullable(),
        country: z.string().nullable().meta({ description: 'ISO 3166-1 alpha-2' }),
      })
      .nullable(),
    category: z
      .enum(CATEGORIES)
      .nullable()
      .meta({ description: 'null only for postings stored before categories' }),
    seniority: z.enum(SENIORITIES).nullable(),
    matched: z.array(z.string()).meta({
      description:
        'The keywords of `context` the posting mentions (in its title, company or snippet), lower case and in the order of the context: why it ranks where it does. Empty when the list is not ranked by context (no `context`, a placement whose context is "none", a context of stop words only) and for a posting that matches none of the keywords.',
    }),
  })
  .meta({ id: 'JobSummary' });

export type JobSummary = z.output<typeof jobSummary>;
