import type { RequestHandler } from 'express';

const PUBLIC_PATHS = /^\/(api\/v1\/jobs|api\/v1\/placements\/[^/]+\/jobs$|widget\.js|embed\/|feeds\/)/;

/**
 * The public read routes answer any origin: they are read-only and carry no credentials, so `*` (without
 * Allow-Credentials) is safe, and no Vary: Origin is needed. Errors carry the header too, so a widget can read them.
 */
export const publicCors: RequestHandler = (req, res, next) => {
  if (!PUBLIC_PATHS.test(req.path)) return next();
  res.setHeader('access-control-allow-origin', '*');
  if (req.method !== 'OPTIONS') return next();
  res.setHeader('access-control-allow-methods', 'GET, HEAD, OPTIONS');
  res.setHeader('access-control-allow-headers', 'if-none-match');
  res.setHeader('access-control-max-age', '86400');
  res.status(204).end();
};
