import { Router } from 'express';
import helmet from 'helmet';

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

/** [path, content type, body]: a page or one of its scripts, built or read once at start. */
export type PageAsset = readonly [string, string, string | Buffer];

/** The recruiter and publisher pages and their scripts, each under the strict policy, revalidated on every load. */
export function pageAssetsRouter(assets: PageAsset[]): Router {
  const router = Router();
  for (const [path, type, body] of assets) {
    router.get(path, strictCsp, (_req, res) => {
      res.setHeader('content-type', type);
      res.setHeader('cache-control', 'no-cache');
      res.send(body);
    });
  }
  return router;
}
