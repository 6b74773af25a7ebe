import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const READ_PREFERENCES = [
  'primary',
  'primaryPreferred',
  'secondary',
  'secondaryPreferred',
  'nearest',
] as const;

const CLUSTER_NODE = /^[^\s:,]+:\d{1,5}$/;
/** Redis hashes only the part between the first `{` and the next `}` when it is not empty. */
const HASH_TAG = /^[^{]*\{[^}]+\}/;

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

const url = (protocols: string[], fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), {
      message: `must be a ${protocols.join(' or ')}// URL`,
    });

const optionalSecret = (minLength: number) =>
  z
    .string()
    .min(minLength, `must be at least ${minLength} characters`)
    .optional()
    .or(z.literal('').transform(() => undefined));

/** Every environment variable jobfeed reads, with its default. README's "Configuration" table mirrors this. */
const envSchema = z
  .object({
    MONGO_URL: url(['mongodb:', 'mongodb+srv:'], 'mongodb://127.0.0.1:27017/jobfeed'),
    MONGO_READ_PREFERENCE: z
      .enum(READ_PREFERENCES, { error: `must be one of ${READ_PREFERENCES.join(', ')}` })
      .default('primary'),
    REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    REDIS_CLUSTER_NODES: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((node) => node.trim())
          .filter(Boolean),
      )
      .refine(
        (nodes) => nodes.every((node) => CLUSTER_NODE.test(node) && Number(node.split(':').pop()) <= 65535),
        {
          message: 'must be a comma-separated list of host:port',
        },
      )
      .transform((nodes) =>
        nodes.map((node) => {
          const separator = node.lastIndexOf(':');
          return { host: node.slice(0, separator), port: Number(node.slice(separator + 1)) };
        }),
      ),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[\w{}-]+$/, 'may hold letters, digits, _, - and a {hash tag} only')
      .default('jobfeed'),
    PORT: int(0, 65535, 3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    API_PROCESSES: int(1, 64, 1),
    PUBLIC_URL: url(['http:', 'https:'], 'http://localhost:3000'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    ADMIN_TOKEN: optionalSecret(16),
    METRICS_TOKEN: optionalSecret(16),
    WORKER_METRICS_PORT: int(0, 65535, 9464),
    FETCH_ALLOW_PRIVATE: bool(false),
    FETCH_TIMEOUT_MS: int(1000, 600_000, 30_000),
    FETCH_MAX_BYTES: int(1024, 2 ** 32, 512 * 1024 * 1024),
    FETCH_CONTACT_URL: url(['http:', 'https:', 'mailto:'], 'https://github.com/jobfeed/jobfeed'),
    FETCH_DEADLINE_MS: int(1000, 3_600_000, 300_000),
    FETCH_HOST_CONCURRENCY: int(1, 100, 2),
    FETCH_TRUSTED_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .refine((origins) => origins.every((o) => URL.canParse(o) && /^https?:$/.test(new URL(o).protocol)), {
        message: 'must be a comma-separated list of http(s) origins',
      }),
    FEED_FAILING_AFTER: int(1, 100, 3),
    MAX_POSTING_AGE_DAYS: int(1, 3650, 60),
    EXPIRY_MIN_SHARE: z.coerce.number().min(0).max(1).default(0.5),
    SNIPPET_LENGTH: int(40, 1000, 160),
    WORKER_CONCURRENCY: int(1, 64, 2),
    INGEST_ATTEMPTS: int(1, 20, 4),
    INGEST_BACKOFF_MS: int(10, 3_600_000, 30_000),
    WORKER_LOCK_MS: int(1000, 600_000, 30_000),
    WORKER_STALLED_INTERVAL_MS: int(1000, 600_000, 30_000),
    SHUTDOWN_TIMEOUT_MS: int(1000, 600_000, 25_000),
    CACHE_MAX_AGE_SECONDS: int(0, 3600, 30),
    CACHE_VERSION_CHECK_MS: int(0, 60_000, 1000),
    RATE_LIMIT_WINDOW_MS: int(1000, 86_400_000, 60_000),
    RATE_LIMIT_MAX: int(1, 1_000_000, 120),
    RATE_LIMIT_PREVIEW_MAX: int(1, 1_000_000, 10),
    AUTH_FAILURE_MAX: int(1, 1_000_000, 20),
    AUTH_FAILURE_WINDOW_MS: int(1000, 86_400_000, 900_000),
    PREVIEW_MAX_BYTES: int(1024, 2 ** 31, 10 * 1024 * 1024),
    PREVIEW_TIMEOUT_MS: int(500, 600_000, 10_000),
    PREVIEW_MEMORY_MB: int(16, 8192, 256),
    PREVIEW_CONCURRENCY: int(1, 64, 2),
    EVENTS_BURST_MAX: int(1, 100_000, 120),
  })
  .refine((e) => e.REDIS_CLUSTER_NODES.length === 0 || HASH_TAG.test(e.QUEUE_PREFIX), {
    path: ['QUEUE_PREFIX'],
    message:
      'must hold a {hash tag}, such as {jobfeed}, when REDIS_CLUSTER_NODES is set: Redis Cluster refuses BullMQ scripts whose keys hash to different slots',
  });

/** The name of every variable loadConfig reads (`.env.example` lists each; a unit test keeps them in step). */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as (keyof z.infer<typeof envSchema>)[];

const SECRET_VARIABLES = new Set(['ADMIN_TOKEN', 'METRICS_TOKEN']);

/** The value as it may appear in an error message: secrets hidden, URL passwords masked. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (SECRET_VARIABLES.has(name)) return 'a hidden value';
  return JSON.stringify(value.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@'));
}

export type Env = z.infer<typeof envSchema>;

export interface Config {
  mongoUrl: string;
  /** Where the public read path (recent list, a posting by id) reads; writes and every other read use the primary. */
  mongoReadPreference: (typeof READ_PREFERENCES)[number];
  redisUrl: string;
  /** Redis Cluster nodes to start from; when there are any, every connection is a Cluster client and redisUrl is unused. */
  redisClusterNodes: { host: string; port: number }[];
  queuePrefix: string;
  http: { port: number; host: string; publicUrl: string };
  /** `jobfeed api` processes on this host sharing PORT (node:cluster); 1 runs the API in the process itself. */
  apiProcesses: number;
  logLevel: Env['LOG_LEVEL'];
  adminToken: string | undefined;
  /** Guards /metrics (API and worker) when set. */
  metricsToken: string | undefined;
  /** The worker process's own /metrics listener; 0 turns it off. */
  workerMetricsPort: number;
  fetch: {
    allowPrivate: boolean;
    /** Origins (`http://host:port`) the address guard lets through, such as an internal feed proxy. */
    trustedOrigins: string[];
    timeoutMs: number;
    deadlineMs: number;
    maxBytes: number;
    hostConcurrency: number;
    userAgent: string;
  };
  /** expiryMinShare: a poll carrying fewer than this share of the feed's active postings expires none of them. */
  feeds: { failingAfter: number; maxPostingAgeDays: number; expiryMinShare: number };
  snippetLength: number;
  worker: {
    concurrency: number;
    attempts: number;
    backoffMs: number;
    lockDurationMs: number;
    stalledIntervalMs: number;
  };
  shutdownTimeoutMs: number;
  /** The public read path's response cache: how long a rendered list lives, how often the postings version is read. */
  readCache: { maxAgeSeconds: number; versionCheckMs: number };
  /** Per recruiter API key, shared by every API process through Redis. */
  rateLimit: { windowMs: number; max: number; previewMax: number };
  /** 401s per client address (recruiter keys and operator tokens together) before every request is a 429. */
  authFailures: { windowMs: number; max: number };
  /** Each preview runs in its own worker thread with these budgets; past `concurrency` at once it is refused. */
  preview: { maxBytes: number; timeoutMs: number; memoryMb: number; concurrency: number };
  /** burstMax: impressions and clicks one visitor may have counted per minute; the rest are rejected as `burst`. */
  events: { burstMax: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once, at start. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name}: ${issue.message} (got ${shown(name, env[name])})`;
      }),
    );
  }
  const e = parsed.data;
  return {
    mongoUrl: e.MONGO_URL,
    mongoReadPreference: e.MONGO_READ_PREFERENCE,
    redisUrl: e.REDIS_URL,
    redisClusterNodes: e.REDIS_CLUSTER_NODES,
    queuePrefix: e.QUEUE_PREFIX,
    http: { port: e.PORT, host: e.HOST, publicUrl: e.PUBLIC_URL.replace(/\/+$/, '') },
    apiProcesses: e.API_PROCESSES,
    logLevel: e.LOG_LEVEL,
    adminToken: e.ADMIN_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    workerMetricsPort: e.WORKER_METRICS_PORT,
    fetch: {
      allowPrivate: e.FETCH_ALLOW_PRIVATE,
      trustedOrigins: e.FETCH_TRUSTED_ORIGINS,
      timeoutMs: e.FETCH_TIMEOUT_MS,
      deadlineMs: e.FETCH_DEADLINE_MS,
      maxBytes: e.FETCH_MAX_BYTES,
      hostConcurrency: e.FETCH_HOST_CONCURRENCY,
      userAgent: `jobfeed/0.1 (+${e.FETCH_CONTACT_URL})`,
    },
    feeds: {
      failingAfter: e.FEED_FAILING_AFTER,
      maxPostingAgeDays: e.MAX_POSTING_AGE_DAYS,
      expiryMinShare: e.EXPIRY_MIN_SHARE,
    },
    snippetLength: e.SNIPPET_LENGTH,
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      attempts: e.INGEST_ATTEMPTS,
      backoffMs: e.INGEST_BACKOFF_MS,
      lockDurationMs: e.WORKER_LOCK_MS,
      stalledIntervalMs: e.WORKER_STALLED_INTERVAL_MS,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    readCache: { maxAgeSeconds: e.CACHE_MAX_AGE_SECONDS, versionCheckMs: e.CACHE_VERSION_CHECK_MS },
    rateLimit: {
      windowMs: e.RATE_LIMIT_WINDOW_MS,
      max: e.RATE_LIMIT_MAX,
      previewMax: e.RATE_LIMIT_PREVIEW_MAX,
    },
    authFailures: { windowMs: e.AUTH_FAILURE_WINDOW_MS, max: e.AUTH_FAILURE_MAX },
    preview: {
      maxBytes: e.PREVIEW_MAX_BYTES,
      timeoutMs: e.PREVIEW_TIMEOUT_MS,
      memoryMb: e.PREVIEW_MEMORY_MB,
      concurrency: e.PREVIEW_CONCURRENCY,
    },
    events: { burstMax: e.EVENTS_BURST_MAX },
  };
}

/** For process entry points: a bad configuration stops the process with the message and exit code 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
