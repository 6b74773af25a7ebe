import { z } from 'zod';
import { FEED_STATUSES } from '../../data/feed.schema';
import { RUN_STATUSES } from '../../data/feed-run.schema';
import { EMPLOYMENT_TYPES, SALARY_PERIODS } from '../../domain/posting';
import { mappingSchema } from '../../feeds/feed-input.schema';
import { jobSummary } from './job-summary.schema';

/** The shapes the API answers with: the OpenAPI document and the contract test are built from these. */

export { jobSummary };

const dateTime = z.iso.datetime({ offset: true });

export const errorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
      suggestedMapping: mappingSchema.optional().meta({
        description:
          'With not_a_job_feed for an XML or JSON document: a draft field mapping inferred from its records (as `jobfeed mapping suggest` prints), to check and send as the feed\'s mapping. Required fields nothing fits read "TODO"; "unplaced" lists the fields no mapping field takes.',
      }),
    }),
  })
  .meta({ id: 'Error' });

const salary = z
  .object({
    min: z.number().nullable(),
    max: z.number().nullable(),
    currency: z.string().nullable(),
    period: z.enum(SALARY_PERIODS).nullable(),
  })
  .nullable();

/** A posting on its own is ranked by nothing: no `matched`. */
export const jobDetail = jobSummary
  .omit({ matched: true })
  .extend({
    location: z.string().nullable(),
    employmentType: z.enum(EMPLOYMENT_TYPES).nullable(),
    salary,
    validThrough: dateTime.nullable(),
  })
  .meta({ id: 'JobDetail' });

export const recentJobsResponse = z.object({ jobs: z.array(jobSummary) });
export const jobResponse = z.object({ job: jobDetail });
export const healthResponse = z.object({ status: z.literal('ok') });

export const READINESS_VERDICTS = ['ok', 'failed', 'timeout'] as const;

/** GET /readyz, 200 and 503 alike; `error` only on a 503. */
export const readinessResponse = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    checks: z
      .record(z.string(), z.enum(READINESS_VERDICTS))
      .meta({ description: 'Each dependency (mongodb, redis) and how its ping went' }),
    error: z.object({ code: z.literal('not_ready'), message: z.string() }).optional(),
  })
  .meta({ id: 'Readiness' });

/** GET /feeds/recent.json: the JSON Feed 1.1 fields jobfeed writes. */
export const jsonFeedResponse = z
  .object({
    version: z.literal('https://jsonfeed.org/version/1.1'),
    title: z.string(),
    home_page_url: z.string(),
    feed_url: z.string(),
    description: z.string(),
    language: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        url: z.string().meta({ description: 'The click-through link (/r/{id}), which counts the click' }),
        external_url: z.string().meta({ description: "The partner's page of the posting" }),
        title: z.string(),
        content_text: z.string(),
        date_published: dateTime,
        authors: z.array(z.object({ name: z.string() })).optional(),
      }),
    ),
  })
  .meta({ id: 'JsonFeed' });

/** GET /api/openapi.json: an OpenAPI 3.1 document (this one). */
export const openApiResponse = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

export const feedView = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    format: z.string().nullable(),
    company: z.string().nullable(),
    personioAccount: z.string().nullable(),
    mapping: mappingSchema.nullable(),
    intervalMinutes: z.number().int(),
    status: z.enum(FEED_STATUSES),
    lastRunAt: dateTime.nullable(),
    lastSuccessAt: dateTime.nullable(),
    consecutiveFailures: z.number().int(),
    lastError: z.string().nullable(),
    activePostings: z.number().int(),
    nextRunAt: dateTime.nullable().meta({ description: 'null while the feed is paused' }),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'Feed' });

const rejectedSample = z.object({ reason: z.string(), sample: z.string() });

/** A read's quality report: see README "The quality report". */
export const qualityReport = z
  .object({
    fields: z
      .record(z.string(), z.object({ present: z.number().int(), of: z.number().int() }))
      .meta({ description: 'Per field, how many of the items seen have it' }),
    warnings: z.array(z.string()).meta({ description: 'Values that look wrong' }),
  })
  .meta({ id: 'QualityReport' });

export const feedRunView = z
  .object({
    id: z.string(),
    status: z.enum(RUN_STATUSES),
    attempts: z.number().int(),
    startedAt: dateTime,
    finishedAt: dateTime.nullable(),
    format: z.string().nullable(),
    counts: z.object({
      seen: z.number().int(),
      inserted: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.number().int(),
    }),
    warnings: z.array(z.string()),
    rejected: z.array(rejectedSample),
    error: z.string().nullable(),
    expirySkipped: z
      .string()
      .nullable()
      .meta({ description: 'Why this run expired none of the postings its feed no longer carried' }),
    quality: qualityReport
      .nullable()
      .meta({ description: 'The quality report of the read; null before it ended' }),
  })
  .meta({ id: 'FeedRun' });

export const feedListResponse = z.object({ feeds: z.array(feedView) });
export const feedResponse = z.object({ feed: feedView });
export const feedWithRunsResponse = z.object({ feed: feedView, runs: z.array(feedRunView) });
export const runQueuedResponse = z.object({ feedId: z.string(), jobId: z.string(), queued: z.literal(true) });

export const previewPosting = jobDetail
  .omit({ id: true })
  .extend({ externalId: z.string() })
  .meta({ id: 'PreviewPosting' });

export const previewResponse = z
  .object({
    detectedFormat: z.string(),
    postings: z
      .array(previewPosting)
      .meta({ description: 'The first 20 valid postings, as they will be listed' }),
    counts: z.object({ seen: z.number().int(), valid: z.number().int(), rejected: z.number().int() }),
    warnings: z.array(z.string()).meta({ description: 'What to fix in the feed' }),
    rejected: z.array(rejectedSample).meta({ description: 'Up to 20 skipped items, with the reason' }),
    quality: qualityReport,
  })
  .meta({ id: 'PreviewReport' });
