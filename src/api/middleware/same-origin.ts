import type { RequestHandler } from 'express';
import { AppError } from '../../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Browsers resend HTTP Basic credentials on cross-site requests, so a state-changing admin request (the dashboard's
 * retry and clean buttons) must come from this site: an Origin other than our host, or a cross-site fetch, is 403.
 */
export const requireSameOrigin: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.headers.origin;
  const crossSite = req.headers['sec-fetch-site'] === 'cross-site';
  if (crossSite || (origin !== undefined && hostOf(origin) !== req.headers.host)) {
    return next(
      new AppError('cross_origin', 'Admin actions must come from the admin pages', { status: 403 }),
    );
  }
  next();
};

function hostOf(origin: string): string | undefined {
  return URL.canParse(origin) ? new URL(origin).host : undefined;
}
