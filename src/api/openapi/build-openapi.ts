import { z } from 'zod';
import { OPERATIONS } from './openapi-operations';

type JsonSchema = Record<string, unknown>;

/**
 * Who may call an operation: anyone (`security: []`), a recruiter's or a publisher's API key, an operator's ADMIN_TOKEN, or anyone
 * unless METRICS_TOKEN is set.
 */
export type Access = 'public' | 'recruiter' | 'publisher' | 'operator' | 'metrics';

export interface Header {
  description: string;
  type?: 'string' | 'integer';
}

export interface Reply {
  description: string;
  /** The body's shape; without a `media` it is application/json. */
  schema?: z.ZodType;
  /** The body's media types; a non-JSON body without a schema is text. No `schema` and no `media`: no body. */
  media?: string | string[];
  headers?: Record<string, Header>;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: Access;
  /** One entry per `{name}` in the path; the build fails when they differ. */
  pathParams?: Record<string, { description: string; schema?: z.ZodType }>;
  query?: z.ZodType;
  /** Answers If-None-Match with a 304. */
  conditional?: boolean;
  body?: z.ZodType;
  /** The body's media types; application/json when left out. */
  bodyMedia?: string[];
  responses: Record<number, Reply>;
}

export type Paths = Record<string, Partial<Record<'get' | 'post' | 'patch' | 'delete', Operation>>>;

const OPERATOR_TOKEN: Record<string, string[]>[] = [{ operatorBearer: [] }, { operatorBasic: [] }];
const SECURITY: Record<Access, Record<string, string[]>[]> = {
  public: [],
  recruiter: [{ apiKey: [] }],
  publisher: [{ publisherKey: [] }],
  operator: OPERATOR_TOKEN,
  // `{}` first: no credentials needed unless METRICS_TOKEN is set.
  metrics: [{}, ...OPERATOR_TOKEN],
};

/**
 * The OpenAPI 3.1 document, generated from the zod schemas that validate requests and shape responses, so it
 * cannot drift from what the API does. Named schemas (`.meta({ id })`) become components.
 */
export function buildOpenApi(operations: Paths = OPERATIONS): JsonSchema {
  const componentSchemas: Record<string, JsonSchema> = {};
  const component = (schema: z.ZodType, io: 'input' | 'output') =>
    inlineComponents(toSchema(schema, io), componentSchemas);

  const operation = (path: string, op: Operation): JsonSchema => {
    const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const declared = Object.keys(op.pathParams ?? {});
    if (templated.join() !== declared.join())
      throw new Error(`${op.operationId}: path ${path} has {${templated}} but declares ${declared}`);
    return {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: op.tags,
      security: SECURITY[op.access],
      parameters: [
        ...Object.entries(op.pathParams ?? {}).map(([name, param]) => ({
          name,
          in: 'path',
          required: true,
          description: param.description,
          schema: param.schema ? toSchema(param.schema, 'input') : { type: 'string' },
        })),
        ...queryParameters(op.query ? toSchema(op.query, 'input') : undefined),
        ...(op.conditional
          ? [
              {
                name: 'If-None-Match',
                in: 'header',
                required: false,
                description: 'An ETag of an earlier answer',
                schema: { type: 'string' },
              },
            ]
          : []),
      ],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                (op.bodyMedia ?? ['application/json']).map((media) => [
                  media,
                  { schema: component(op.body!, 'input') },
                ]),
              ),
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, reply]) => [status, response(reply)]),
      ),
    };
  };

  const response = (reply: Reply): JsonSchema => {
    const media = [reply.media ?? (reply.schema ? 'application/json' : [])].flat();
    const schema = reply.schema ? component(reply.schema, 'output') : { type: 'string' };
    return {
      description: reply.description,
      ...(reply.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(reply.headers).map(([name, header]) => [
                name,
                { description: header.description, schema: { type: header.type ?? 'string' } },
              ]),
            ),
          }
        : {}),
      ...(media.length ? { content: Object.fromEntries(media.map((type) => [type, { schema }])) } : {}),
    };
  };

  const paths = Object.fromEntries(
    Object.entries(operations).map(([path, methods]) => [
      path,
      Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operation(path, op)])),
    ]),
  );

  return {
    openapi: '3.1.0',
    info: {
      title: 'jobfeed API',
      version: '1',
      description:
        'Recent job postings for site widgets, feed management for recruiters and placement management for publishers (Authorization: Bearer <apiKey>), and the operators’ pages and probes. Errors are JSON: `{ "error": { "code", "message", "fields"? } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'The API itself (PUBLIC_URL)' }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: componentSchemas,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A recruiter API key ("jf_…")' },
        publisherKey: { type: 'http', scheme: 'bearer', description: 'A publisher API key ("jfp_…")' },
        operatorBearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'ADMIN_TOKEN for /admin, METRICS_TOKEN for /metrics',
        },
        operatorBasic: {
          type: 'http',
          scheme: 'basic',
          description: 'The same token as the password, any user name (a browser’s login prompt)',
        },
      },
    },
  };
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

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
