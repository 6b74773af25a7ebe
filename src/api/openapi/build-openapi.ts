import { z } from 'zod';
import { createFeedBody, noQuery, previewFeedBody, updateFeedBody } from '../../feeds/feed-input.schema';
import { recentJobsQuery } from '../schemas/recent-jobs.schema';
import {
  errorResponse,
  feedListResponse,
  feedResponse,
  feedWithRunsResponse,
  healthResponse,
  jobResponse,
  previewResponse,
  recentJobsResponse,
  runQueuedResponse,
} from '../schemas/responses.schema';

type JsonSchema = Record<string, unknown>;

interface Operation {
  summary: string;
  tags: string[];
  auth?: boolean;
  query?: z.ZodType;
  pathId?: string;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType; headers?: JsonSchema }>;
}

/**
 * The OpenAPI 3.1 document, generated from the zod schemas that validate requests and shape responses, so it
 * cannot drift from what the API does. Named schemas (`.meta({ id })`) become components.
 */
export function buildOpenApi(): JsonSchema {
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
    }) as JsonSchema;
    return rest;
  };
  const componentSchemas: Record<string, JsonSchema> = {};
  const response = (schema: z.ZodType) => inlineComponents(toSchema(schema, 'output'), componentSchemas);

  const recruiterErrors = {
    401: { description: 'Missing, unknown or revoked API key', schema: errorResponse },
    429: { description: 'Too many requests for this API key', schema: errorResponse, headers: RETRY_AFTER },
  };
  const feedErrors = {
    ...recruiterErrors,
    404: { description: 'No such feed of yours', schema: errorResponse },
  };
  const badRequest = { 400: { description: 'A bad field, named in error.fields', schema: errorResponse } };

  const paths: Record<string, Record<string, Operation>> = {
    '/api/v1/jobs/recent': {
      get: {
        summary: 'Recent postings, newest first, each job once, expired ones excluded',
        tags: ['jobs'],
        query: recentJobsQuery,
        responses: { 200: { description: 'The recent jobs', schema: recentJobsResponse }, ...badRequest },
      },
    },
    '/api/v1/jobs/{id}': {
      get: {
        summary: 'One posting',
        tags: ['jobs'],
        pathId: 'The posting id',
        responses: {
          200: { description: 'The posting', schema: jobResponse },
          404: { description: 'Unknown or expired posting', schema: errorResponse },
        },
      },
    },
    '/api/v1/feeds/preview': {
      post: {
        summary: 'Fetch and normalize a feed without saving it: what would be listed and what to fix',
        tags: ['feeds'],
        auth: true,
        body: previewFeedBody,
        responses: {
          200: { description: 'The validation report', schema: previewResponse },
          ...badRequest,
          ...recruiterErrors,
          413: { description: 'The body is over 100 KB', schema: errorResponse },
          422: {
            description:
              'The URL cannot be fetched, is not a job feed, or ran out of the preview time or memory budget',
            schema: errorResponse,
          },
          429: {
            description:
              'Too many requests for this API key, or PREVIEW_CONCURRENCY previews already running',
            schema: errorResponse,
            headers: RETRY_AFTER,
          },
        },
      },
    },
    '/api/v1/feeds': {
      get: {
        summary: 'Your feeds with their health',
        tags: ['feeds'],
        auth: true,
        query: noQuery,
        responses: { 200: { description: 'Your feeds', schema: feedListResponse }, ...recruiterErrors },
      },
      post: {
        summary: 'Add a feed; its first poll is queued at once',
        tags: ['feeds'],
        auth: true,
        body: createFeedBody,
        responses: {
          201: { description: 'The new feed', schema: feedResponse },
          ...badRequest,
          ...recruiterErrors,
          409: { description: 'This URL is already registered for you', schema: errorResponse },
          413: { description: 'The body is over 100 KB', schema: errorResponse },
        },
      },
    },
    '/api/v1/feeds/{id}': {
      get: {
        summary: 'One of your feeds with its last runs',
        tags: ['feeds'],
        auth: true,
        pathId: 'The feed id',
        responses: { 200: { description: 'The feed', schema: feedWithRunsResponse }, ...feedErrors },
      },
      patch: {
        summary: 'Change name, intervalMinutes, mapping, company or paused',
        tags: ['feeds'],
        auth: true,
        pathId: 'The feed id',
        body: updateFeedBody,
        responses: {
          200: { description: 'The changed feed', schema: feedResponse },
          ...badRequest,
          ...feedErrors,
        },
      },
      delete: {
        summary: 'Delete a feed: its polls stop and its postings leave the listings (they are deleted)',
        tags: ['feeds'],
        auth: true,
        pathId: 'The feed id',
        responses: { 204: { description: 'Deleted' }, ...feedErrors },
      },
    },
    '/api/v1/feeds/{id}/run': {
      post: {
        summary: 'Poll the feed now; at most once a minute per feed',
        tags: ['feeds'],
        auth: true,
        pathId: 'The feed id',
        responses: {
          202: { description: 'The poll is queued', schema: runQueuedResponse },
          ...feedErrors,
          409: { description: 'The feed is paused', schema: errorResponse },
        },
      },
    },
    '/healthz': {
      get: {
        summary: 'Liveness',
        tags: ['operations'],
        responses: { 200: { description: 'The process is alive', schema: healthResponse } },
      },
    },
    '/api/openapi.json': {
      get: {
        summary: 'This document',
        tags: ['operations'],
        responses: { 200: { description: 'OpenAPI 3.1' } },
      },
    },
  };

  const document: JsonSchema = {
    openapi: '3.1.0',
    info: {
      title: 'jobfeed API',
      version: '1',
      description:
        'Recent job postings for site widgets, and feed management for recruiters (Authorization: Bearer <apiKey>).',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, operations]) => [
        path,
        Object.fromEntries(
          Object.entries(operations).map(([method, op]) => [
            method,
            {
              summary: op.summary,
              tags: op.tags,
              ...(op.auth ? { security: [{ apiKey: [] }] } : {}),
              parameters: [
                ...(op.pathId
                  ? [
                      {
                        name: 'id',
                        in: 'path',
                        required: true,
                        description: op.pathId,
                        schema: { type: 'string' },
                      },
                    ]
                  : []),
                ...queryParameters(op.query ? toSchema(op.query, 'input') : undefined),
              ],
              ...(op.body
                ? {
                    requestBody: {
                      required: true,
                      content: {
                        'application/json': {
                          schema: inlineComponents(toSchema(op.body, 'input'), componentSchemas),
                        },
                      },
                    },
                  }
                : {}),
              responses: Object.fromEntries(
                Object.entries(op.responses).map(([status, r]) => [
                  status,
                  {
                    description: r.description,
                    ...(r.headers ? { headers: r.headers } : {}),
                    ...(r.schema ? { content: { 'application/json': { schema: response(r.schema) } } } : {}),
                  },
                ]),
              ),
            },
          ]),
        ),
      ]),
    ),
    components: {
      schemas: componentSchemas,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A recruiter API key ("jf_…")' },
      },
    },
  };
  return document;
}

const RETRY_AFTER: JsonSchema = {
  'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
};

/** A query schema's properties as OpenAPI parameters. */
function queryParameters(schema: JsonSchema | undefined): JsonSchema[] {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
  }));
}

/** Moves `$defs` (named schemas) into components and points `$ref`s at them. */
function inlineComponents(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const { $defs, ...rest } = schema as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [name, definition] of Object.entries($defs ?? {}))
    components[name] = rewriteRefs(definition) as JsonSchema;
  return rewriteRefs(rest) as JsonSchema;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) =>
      key === '$ref' && typeof child === 'string'
        ? [key, child.replace('#/$defs/', '#/components/schemas/')]
        : [key, rewriteRefs(child)],
    ),
  );
}
