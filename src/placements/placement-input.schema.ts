import { z } from 'zod';
import {
  PLACEMENT_CONTEXTS,
  PLACEMENT_DEFAULT_LIMIT,
  PLACEMENT_MAX_LIMIT,
  PLACEMENT_THEMES,
} from '../domain/placement';
import { CATEGORIES, WORKPLACES } from '../domain/posting';
import {
  countryCode,
  listFilterParameters,
  listQuery,
  withoutBlankText,
} from '../domain/list-filters.schema';

const BODY_MESSAGE = 'the body must be a JSON object (send Content-Type: application/json)';
const ORIGIN =
  'must be an http or https origin such as "https://news.example" (no path, query or credentials)';
const LIMIT = `must be a whole number from 1 to ${PLACEMENT_MAX_LIMIT}`;
const MAX_AGE = 'must be a whole number of days from 1 to 365';

const text = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

/** "https://News.Example/" is kept as "https://news.example"; a path, query, fragment or user name is refused. */
const origin = z.string({ error: ORIGIN }).transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: ORIGIN });
    return z.NEVER;
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (!/^https?:$/.test(url.protocol) || !bare || /[?#]/.test(value) || /^https?:\/\/[^/]+\/./i.test(value)) {
    ctx.addIssue({ code: 'custom', message: ORIGIN });
    return z.NEVER;
  }
  return url.origin;
});

const LANGUAGE_TAG = 'must be a language tag such as "en" or "de-CH"';
/** A BCP 47 language tag: a placement's locale, and the embed page's `locale` parameter. */
export const languageTag = z
  .string({ error: LANGUAGE_TAG })
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, LANGUAGE_TAG);

const list = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item, { error: 'must be a list' })
    .max(max, `must have at most ${max} entries`)
    .transform((values) => [...new Set(values as z.output<T>[])]);

const filters = z.strictObject(
  {
    q: text(100).nullable().optional(),
    companies: list(text(200), 20).optional(),
    countries: list(countryCode, 50).optional(),
    categories: list(z.enum(CATEGORIES, { error: `must be one of ${CATEGORIES.join(', ')}` }), 20).optional(),
    workplace: z
      .enum(WORKPLACES, { error: `must be one of ${WORKPLACES.join(', ')}` })
      .nullable()
      .optional(),
    maxAgeDays: z
      .number({ error: MAX_AGE })
      .int(MAX_AGE)
      .min(1, MAX_AGE)
      .max(365, MAX_AGE)
      .nullable()
      .optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'must be an object' : undefined) },
);

const fields = {
  name: text(200),
  allowedOrigins: z
    .array(origin, { error: 'must be a list of origins' })
    .min(1, 'must name at least one origin')
    .max(20, 'must have at most 20 entries')
    .transform((values) => [...new Set(values)]),
  filters,
  limit: z.number({ error: LIMIT }).int(LIMIT).min(1, LIMIT).max(PLACEMENT_MAX_LIMIT, LIMIT),
  heading: text(100).nullable(),
  locale: languageTag,
  theme: z.enum(PLACEMENT_THEMES, { error: `must be one of ${PLACEMENT_THEMES.join(', ')}` }),
  context: z.enum(PLACEMENT_CONTEXTS, { error: `must be one of ${PLACEMENT_CONTEXTS.join(', ')}` }),
};

const notAnObject = (issue: { code: string }) => (issue.code === 'invalid_type' ? BODY_MESSAGE : undefined);

/** POST /api/v1/placements */
export const createPlacementBody = z.strictObject(
  {
    name: fields.name,
    allowedOrigins: fields.allowedOrigins,
    filters: fields.filters.default({}),
    limit: fields.limit.default(PLACEMENT_DEFAULT_LIMIT),
    heading: fields.heading.default(null),
    locale: fields.locale.default('en'),
    theme: fields.theme.default('auto'),
    context: fields.context.default('none'),
  },
  { error: notAnObject },
);
export type CreatePlacementBody = z.output<typeof createPlacementBody>;

/** PATCH /api/v1/placements/:id: the fields given replace, and so does each field of `filters` (null clears). */
export const updatePlacementBody = z
  .strictObject(
    {
      name: fields.name.optional(),
      allowedOrigins: fields.allowedOrigins.optional(),
      filters: fields.filters.optional(),
      limit: fields.limit.optional(),
      heading: fields.heading.optional(),
      locale: fields.locale.optional(),
      theme: fields.theme.optional(),
      context: fields.context.optional(),
    },
    { error: notAnObject },
  )
  .refine((body) => Object.keys(body).length > 0, {
    error: 'give at least one of name, allowedOrigins, filters, limit, heading, locale, theme, context',
  });
export type UpdatePlacementBody = z.output<typeof updatePlacementBody>;

const QUERY_LIMIT = `must be a whole number from 1 to ${PLACEMENT_MAX_LIMIT} (at most the placement's limit is listed)`;

/**
 * GET /api/v1/placements/:id/jobs. Each parameter narrows the placement's own list and never widens it: a lower
 * limit, more words, or one of its companies, countries or categories.
 */
export const placementJobsQuery = listQuery({
  limit: z.coerce
    .number({ error: QUERY_LIMIT })
    .int(QUERY_LIMIT)
    .min(1, QUERY_LIMIT)
    .max(PLACEMENT_MAX_LIMIT, QUERY_LIMIT)
    .optional(),
  // The host page's `context` keywords are used only by a placement whose context is "meta".
  ...listFilterParameters,
}).transform(withoutBlankText);
export type PlacementJobsQuery = z.output<typeof placementJobsQuery>;
