import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Router } from 'express';
import helmet from 'helmet';

const ASSETS = {
  '/recruiters': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/recruiters/recruiters.js': { file: 'recruiters.js', type: 'text/javascript; charset=utf-8' },
  '/recruiters/recruiters.css': { file: 'recruiters.css', type: 'text/css; charset=utf-8' },
} as const;

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

/** src/recruiter-page, found from here whether running from src (tsx, jest) or from dist (the build). */
export function recruiterPageDir(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'src', 'recruiter-page');
  }
  throw new Error(`no package.json above ${from}`);
}

/** GET /recruiters: a static page and its script, read once at start. */
export function recruiterPageRouter(dir = recruiterPageDir()): Router {
  const router = Router();
  for (const [path, asset] of Object.entries(ASSETS)) {
    const body = readFileSync(join(dir, asset.file));
    router.get(path, strictCsp, (_req, res) => {
      res.setHeader('content-type', asset.type);
      res.setHeader('cache-control', 'no-cache');
      res.send(body);
    });
  }
  return router;
}
