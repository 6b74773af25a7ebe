import type { RequestHandler } from 'express';
import { tokenMatches } from '../../auth/operator-token';

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
