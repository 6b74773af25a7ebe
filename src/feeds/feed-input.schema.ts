import { z } from 'zod';
import { FORMAT_NAMES } from '../ingest/formats';
import { fieldMappingSchema } from '../ingest/formats/field-mapping.schema';

const HTTP_URL = 'must be an http or https URL of at most 2048 characters';
const INTERVAL = 'must be a whole number of minutes from 5 to 1440';

/** A message for a value that is not an object; unknown keys keep their own message ("Unrecognized key"). */
const notAnObject = (message: string) => (issue: { code: string }) =>
  issue.code === 'invalid_type' ? message : undefined;

const feedUrl = z
  .url({ protocol: /^https?$/, error: HTTP_URL })
  .max(2048, HTTP_URL)
  .transform((url) => new URL(url).href);

const name = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');
const company = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');
const format = z.enum(FORMAT_NAMES as [string, ...string[]], {
  error: `must be one of ${FORMAT_NAMES.join(', ')} (leave it out to detect the format)`,
});
/** A Personio account name ("acme" of acme.jobs.personio.de): the job pages of a Personio feed served from elsewhere. */
const personioAccount = z
  .string({ error: 'must be text' })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'must be a Personio account name (letters, digits, hyphens)');
const intervalMinutes = z.number({ error: INTERVAL }).int(INTERVAL).min(5, INTERVAL).max(1440, INTERVAL);

/** Where a partner in no standard format keeps its postings (see README "Field mappings"). */
export const mappingSchema = fieldMappingSchema.meta({
  description:
    'items and fields as CSS selectors (HTML pages) or dotted paths (JSON, XML); title and url are required',
});

const BODY = notAnObject('the body must be a JSON object (send Content-Type: application/json)');

/** POST /api/v1/feeds/preview */
export const previewFeedBody = z.strictObject(
  {
    url: feedUrl,
    format: format.optional(),
    mapping: mappingSchema.optional(),
    company: company.optional(),
    personioAccount: personioAccount.optional(),
  },
  { error: BODY },
);
export type PreviewFeedBody = z.output<typeof previewFeedBody>;

/** POST /api/v1/feeds */
export const createFeedBody = z.strictObject(
  {
    url: feedUrl,
    name,
    format: format.optional(),
    mapping: mappingSchema.optional(),
    company: company.optional(),
    personioAccount: personioAccount.optional(),
    intervalMinutes: intervalMinutes.default(60),
  },
  { error: BODY },
);
export type CreateFeedBody = z.output<typeof createFeedBody>;

/** PATCH /api/v1/feeds/:id; null clears the mapping or the company. */
export const updateFeedBody = z
  .strictObject(
    {
      name: name.optional(),
      intervalMinutes: intervalMinutes.optional(),
      mapping: mappingSchema.nullable().optional(),
      company: company.nullable().optional(),
      personioAccount: personioAccount.nullable().optional(),
      paused: z.boolean({ error: 'must be true or false' }).optional(),
    },
    { error: BODY },
  )
  .refine((body) => Object.keys(body).length > 0, {
    error: 'give at least one of name, intervalMinutes, mapping, company, personioAccount, paused',
  });
export type UpdateFeedBody = z.output<typeof updateFeedBody>;

/** Endpoints that take no query parameters refuse any. */
export const noQuery = z.strictObject({});
