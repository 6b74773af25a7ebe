import {
  AppError,
  FetchError,
  NotAJobFeedError,
  NotFoundError,
  ValidationError,
  type FetchOutcome,
  type FieldProblem,
} from '../../errors';

/**
 * An error as it crosses from a worker thread to the thread that started it. Structured cloning keeps an Error's
 * message but not its class or own fields, so the AppError hierarchy is carried as data and rebuilt on arrival.
 */
export type TransferableError =
  | { kind: 'fetch'; message: string; permanent: boolean; outcome: FetchOutcome; retryAfterMs?: number }
  | { kind: 'not_a_job_feed'; message: string; details?: Record<string, unknown> }
  | { kind: 'not_found'; message: string }
  | { kind: 'validation'; message: string; fields: FieldProblem[] }
  | {
      kind: 'app';
      code: string;
      message: string;
      status: number;
      operational: boolean;
      details?: Record<string, unknown>;
    }
  | { kind: 'unexpected'; name: string; message: string; stack?: string };

export function toTransferableError(error: unknown): TransferableError {
  if (error instanceof FetchError)
    return {
      kind: 'fetch',
      message: error.message,
      permanent: error.permanent,
      outcome: error.outcome,
      retryAfterMs: error.retryAfterMs,
    };
  if (error instanceof NotAJobFeedError)
    return { kind: 'not_a_job_feed', message: error.message, details: error.details };
  if (error instanceof NotFoundError) return { kind: 'not_found', message: error.message };
  if (error instanceof ValidationError)
    return { kind: 'validation', message: error.message, fields: error.fields };
  if (error instanceof AppError)
    return {
      kind: 'app',
      code: error.code,
      message: error.message,
      status: error.status,
      operational: error.operational,
      details: error.details,
    };
  if (error instanceof Error)
    return { kind: 'unexpected', name: error.name, message: error.message, stack: error.stack };
  return { kind: 'unexpected', name: 'Error', message: String(error) };
}

/** The same error class, code, status and message as was thrown on the other side. */
export function fromTransferableError(transferred: TransferableError): Error {
  switch (transferred.kind) {
    case 'fetch':
      return new FetchError(
        transferred.message,
        transferred.permanent,
        transferred.outcome,
        transferred.retryAfterMs,
      );
    case 'not_a_job_feed':
      return withMessage(
        new NotAJobFeedError('', transferred.details as { suggestedMapping: unknown } | undefined),
        transferred.message,
      );
    case 'not_found':
      return withMessage(new NotFoundError(''), transferred.message);
    case 'validation':
      return new ValidationError(transferred.fields, transferred.message);
    case 'app':
      return new AppError(transferred.code, transferred.message, {
        status: transferred.status,
        operational: transferred.operational,
        details: transferred.details,
      });
    case 'unexpected': {
      const error = new Error(transferred.message);
      error.name = transferred.name;
      if (transferred.stack) error.stack = transferred.stack;
      return error;
    }
  }
}

/** These classes build their message from an argument; the one that crossed is already complete. */
function withMessage<E extends Error>(error: E, message: string): E {
  error.message = message;
  return error;
}
