import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * Lets a request through when it carries `token` as `Authorization: Bearer TOKEN` or as the password of HTTP Basic
 * (any user name, so a browser's login prompt works); otherwise 401 with a Basic challenge.
 */
export function requireToken(token: string, realm: string): RequestHandler {
  return (req, res, next) => {
    if (tokenMatches(req.headers.authorization, token)) {
      next();
      return;
    }
    res
      .status(401)
      .set('www-authenticate', `Basic realm="${realm}", charset="UTF-8"`)
      .json({
        error: {
          code: 'unauthorized',
          message: req.headers.authorization ? 'The token is not valid' : 'An operator token is required',
        },
      });
  };
}

/** Compares digests of equal length, so the time taken says nothing about the token or its length. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = presentedToken(header);
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function presentedToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme = '', credentials = ''] = header.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return credentials || undefined;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? undefined : decoded.slice(colon + 1);
  }
  return undefined;
}
