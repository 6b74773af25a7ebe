import { z } from 'zod';
import { buildOpenApi, type Paths } from '../../src/api/openapi/build-openapi';
import { redoclyLint } from '../helpers/redocly-lint';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the OpenAPI document, linted by @redocly/cli with redocly.yaml', () => {
  test('has no error and no warning', async () => {
    const result = await redoclyLint(buildOpenApi());
    expect(result.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    expect(result.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });

  test('a document missing an operationId, reusing one, with an undeclared path parameter and no security fails', async () => {
    const broken = structuredClone(buildOpenApi()) as Json;
    delete broken.paths['/healthz'].get.operationId;
    broken.paths['/readyz'].get.operationId = broken.paths['/api/v1/jobs/recent'].get.operationId;
    broken.paths['/api/v1/jobs/{id}'].get.parameters = [];
    delete broken.paths['/api/v1/feeds'].get.security;
    delete broken.paths['/metrics'].get.responses['200'].description;

    const result = await redoclyLint(broken);

    const found = (ruleId: string) =>
      result.problems
        .filter((p) => p.ruleId === ruleId && p.severity === 'error')
        .map((p) => p.location[0]?.pointer);
    expect(found('operation-operationId')).toEqual(['#/paths/~1healthz/get/operationId']);
    expect(found('operation-operationId-unique')).toEqual([expect.stringContaining('#/paths/~1readyz/get/')]);
    expect(found('path-parameters-defined')).toEqual([
      expect.stringContaining('/paths/~1api~1v1~1jobs~1{id}'),
    ]);
    expect(found('security-defined')).toEqual(['#/paths/~1api~1v1~1feeds/get']);
    expect(found('struct')).toEqual([expect.stringContaining('#/paths/~1metrics/get/responses/200')]);
    expect(result.totals.errors).toBe(5);
  });
});

describe('buildOpenApi', () => {
  const ok = { 200: { description: 'fine', schema: z.object({ ok: z.boolean() }) } };

  test('refuses a path whose {parameters} and declared ones differ', () => {
    const undeclared: Paths = {
      '/things/{id}': {
        get: { operationId: 'getThing', summary: 'A thing', tags: [], access: 'public', responses: ok },
      },
    };
    expect(() => buildOpenApi(undeclared)).toThrow('getThing: path /things/{id} has {id} but declares');
    const extra: Paths = {
      '/things': {
        get: {
          operationId: 'listThings',
          summary: 'Things',
          tags: [],
          access: 'public',
          pathParams: { id: { description: 'not in the path' } },
          responses: ok,
        },
      },
    };
    expect(() => buildOpenApi(extra)).toThrow('listThings: path /things has {} but declares id');
  });

  test('gives public operations security [] and recruiter ones the bearer API key', () => {
    const doc = buildOpenApi() as Json;
    const operations = Object.entries(doc.paths as Json).flatMap(([path, methods]) =>
      Object.entries(methods as Json).map(([method, op]) => ({ path, method, op: op as Json })),
    );
    const securityOf = (path: string, method = 'get') =>
      operations.find((o) => o.path === path && o.method === method)?.op.security;
    for (const { path, op } of operations) {
      if (path.startsWith('/api/v1/feeds')) expect(op.security).toEqual([{ apiKey: [] }]);
      else if (path.startsWith('/admin'))
        expect(op.security).toEqual([{ operatorBearer: [] }, { operatorBasic: [] }]);
    }
    expect(doc.components.securitySchemes.apiKey).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    expect(securityOf('/api/v1/jobs/recent')).toEqual([]);
    expect(securityOf('/widget.js')).toEqual([]);
    expect(securityOf('/metrics')).toEqual([{}, { operatorBearer: [] }, { operatorBasic: [] }]);
    expect(new Set(operations.map((o) => o.op.operationId)).size).toBe(operations.length);
  });
});
