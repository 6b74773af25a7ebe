import type { Request, RequestHandler, Response } from 'express';
import { looksLikeApiKey } from '../../auth/api-key';
import type { Database } from '../../data/database';
import type { Recruiter } from '../../data/recruiter.schema';
import { AppError } from '../../errors';

const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;

export function unauthorized(res: Response, message: string): AppError {
  res.setHeader('WWW-Authenticate', 'Bearer realm="jobfeed"');
  return new AppError('unauthorized', message, { status: 401 });
}

/** The key of `Authorization: Bearer <apiKey>`; no such header is a 401 that says how to send one. */
export function bearerKey(req: Request, res: Response): string {
  const match = BEARER.exec(req.get('authorization') ?? '');
  if (!match) throw unauthorized(res, 'Send your API key in the header "Authorization: Bearer <apiKey>"');
  return match[1]!;
}

/** `Authorization: Bearer <apiKey>`; a missing, unknown or revoked key is a 401. */
export function requireRecruiter(db: Database): RequestHandler {
  return async (req, res, next) => {
    const apiKey = bearerKey(req, res);
    const recruiter = looksLikeApiKey(apiKey) ? await db.recruiters.findByApiKey(apiKey) : null;
    if (!recruiter) throw unauthorized(res, 'The API key is not valid');
    if (recruiter.status !== 'active')
      throw unauthorized(res, 'This API key has been revoked: ask the operator for a new one');
    res.locals.recruiter = recruiter;
    req.log?.setBindings?.({ recruiterId: String(recruiter._id) });
    next();
  };
}

/** The recruiter requireRecruiter authenticated. */
export function recruiterOf(res: Response): Recruiter {
  return res.locals.recruiter as Recruiter;
}
