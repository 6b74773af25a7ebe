import { Router } from 'express';
import { buildOpenApi } from '../openapi/build-openapi';

/** GET /api/openapi.json, built once from the request and response schemas. */
export function openApiRouter(): Router {
  const router = Router();
  const document = buildOpenApi();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
