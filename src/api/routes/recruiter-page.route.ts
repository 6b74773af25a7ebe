import { readFileSync } from 'node:fs';
import { Router } from 'express';
import helmet from 'helmet';
import { FORMATS } from '../../ingest/formats';
import { renderRecruiterPage } from '../../recruiter-page/recruiter.page';
import { toHtmlString } from '../../web/html';
import { sourcePath } from '../../web/source-path';

/**
 * No inline script or style anywhere, so the policy allows only this origin's files; Trusted Types make any HTML
 * string sink (innerHTML and the like) throw, so every value the script shows must go in as text.
 */
const strictCsp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'none'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
    requireTrustedTypesFor: ["'script'"],
    trustedTypes: ["'none'"],
  },
});

/**
 * GET /recruiters: the page, rendered once at start (its format menu from the formats the server reads), and its
 * script, read once at start.
 */
export function recruiterPageRouter(): Router {
  const router = Router();
  const script = readFileSync(sourcePath('recruiter-page', 'recruiters.js'));
  const page = toHtmlString(renderRecruiterPage(Object.values(FORMATS)));
  const assets = [
    ['/recruiters', 'text/html; charset=utf-8', page],
    ['/recruiters/recruiters.js', 'text/javascript; charset=utf-8', script],
  ] as const;
  for (const [path, type, body] of assets) {
    router.get(path, strictCsp, (_req, res) => {
      res.setHeader('content-type', type);
      res.setHeader('cache-control', 'no-cache');
      res.send(body);
    });
  }
  return router;
}
