import type { RequestHandler, Response } from 'express';
import { looksLikeApiKey } from '../../auth/api-key';
import type { Database } from '../../data/database';
import type { Publisher } from '../../data/publisher.schema';
import { bearerKey, unauthorized } from './recruiter-auth';

/**
 * `Authorization: Bearer <publisher key>`; a missing, unknown or revoked key is a 401. Only publisher keys ("jfp_")
 * are looked up, and only among publishers: a recruiter key is refused here as any unknown key is.
 */
export function requirePublisher(db: Database): RequestHandler {
  return async (req, res, next) => {
    const apiKey = bearerKey(req, res);
    const publisher = looksLikeApiKey(apiKey, 'publisher') ? await db.publishers.findByApiKey(apiKey) : null;
    if (!publisher) throw unauthorized(res, 'The API key is not a valid publisher key');
    if (publisher.status !== 'active')
      throw unauthorized(res, 'This API key has been revoked: ask the operator for a new one');
    res.locals.publisher = publisher;
    req.log?.setBindings?.({ publisherId: String(publisher._id) });
    next();
  };
}

/** The publisher requirePublisher authenticated. */
export function publisherOf(res: Response): Publisher {
  return res.locals.publisher as Publisher;
}
