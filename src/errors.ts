/** The one error hierarchy: a stable code, the HTTP status it maps to, and whether it is an expected (operational) failure. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly operational: boolean;
  /** More for the client, added to the JSON error body beside code and message (a draft mapping). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    options: {
      status?: number;
      operational?: boolean;
      cause?: unknown;
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.operational = options.operational ?? true;
    this.details = options.details;
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class ValidationError extends AppError {
  constructor(
    readonly fields: FieldProblem[],
    message = `Invalid request: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
  ) {
    super('validation_failed', message, { status: 400 });
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} not found`, { status: 404 });
  }
}

/** Refused for now: the same request is accepted after `retryAfterSeconds` (sent as Retry-After). */
export class RetryLaterError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code = 'rate_limited',
  ) {
    super(code, message, { status: 429 });
  }
}

/** The body is readable but is not a job feed (an HTML error page, an empty channel, …). Retrying will not help. */
export class NotAJobFeedError extends AppError {
  constructor(found: string, details?: { suggestedMapping: unknown }) {
    super('not_a_job_feed', `Not a job feed: ${found}`, { status: 422, details });
  }
}

/** The document held items but every one was rejected: it is broken, and the same document will fail again. */
export class NoValidPostingsError extends AppError {
  constructor(seen: number, rejectedByReason: Map<string, number>) {
    const reasons = [...rejectedByReason].map(([reason, count]) => `${count} ${reason}`).join(', ');
    super('no_valid_postings', `all ${seen} items were rejected: ${reasons}`, { status: 422 });
  }
}

/** Fetching a feed failed. `permanent` failures (404, 410, refused address) are not retried. */
export class FetchError extends AppError {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly outcome: FetchOutcome,
    readonly retryAfterMs?: number,
  ) {
    super('fetch_failed', message, { status: 502 });
  }
}

export type FetchOutcome =
  | 'ok'
  | 'not_modified'
  | '4xx'
  | '5xx'
  | 'timeout'
  | 'refused'
  | 'network'
  | 'too_large'
  | 'too_many_redirects'
  | 'bad_response';

/** A failure no retry can mend: the feed is gone, refused, not a job feed, or has no valid posting. */
export function isPermanentFailure(error: unknown): boolean {
  return (
    error instanceof NotAJobFeedError ||
    error instanceof NoValidPostingsError ||
    (error instanceof FetchError && error.permanent)
  );
}
