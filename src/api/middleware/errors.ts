import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, RetryLaterError, ValidationError } from '../../errors';

interface HttpParserError {
  type?: string;
  status?: number;
}

/** Turns every error into `{ error: { code, message, fields? } }`; unexpected ones are logged and hidden. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const parserError = error as HttpParserError;
  if (parserError?.type === 'entity.too.large') {
    res.status(413).json({ error: { code: 'payload_too_large', message: 'The request body is too large' } });
    return;
  }
  if (parserError?.type === 'entity.parse.failed') {
    res.status(400).json({ error: { code: 'invalid_json', message: 'The request body is not valid JSON' } });
    return;
  }
  if (error instanceof AppError && error.operational) {
    const fields = error instanceof ValidationError ? error.fields : undefined;
    if (error instanceof RetryLaterError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res
      .status(error.status)
      .json({ error: { code: error.code, message: error.message, fields, ...error.details } });
    return;
  }
  req.log.error({ err: error }, 'request failed');
  res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong on our side' } });
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `No route for ${req.method} ${req.path}` } });
};
