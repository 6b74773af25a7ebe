import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { startHarness, type Harness } from '../helpers/harness';
import { addRecruiter, indeedFeed, xmlHandler } from '../helpers/recruiters';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('GET /api/openapi.json', () => {
  let h: Harness;
  let doc: Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const checked = new Set<string>();

  beforeAll(async () => {
    h = await startHarness();
    doc = (await h.api.get('/api/openapi.json').expect(200)).body;
  });
  afterAll(async () => {
    await h.close();
  });

  /** Validates a real response against the document's schema for that path, method and status. */
  function conforms(path: string, method: string, res: Response): void {
    const operation = doc.paths[path]?.[method];
    expect(operation).toBeDefined();
    const documented = operation.responses[String(res.status)];
    if (!documented)
      throw new Error(`${method} ${path} answered ${res.status}, which the document does not list`);
    for (const header of Object.keys(documented.headers ?? {}))
      expect(res.headers[header.toLowerCase()]).toBeDefined();
    const schema = documented.content?.['application/json']?.schema;
    if (schema) {
      const validate = ajv.compile({ ...schema, components: doc.components });
      if (!validate(res.body))
        throw new Error(
          `${method} ${path} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(res.body)}`,
        );
    } else {
      expect(res.text ?? '').toBe('');
    }
    checked.add(`${method} ${path} ${res.status}`);
  }

  test('is OpenAPI 3.1 with a bearer scheme, and every schema in it compiles', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.apiKey).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/openapi.json',
        '/api/v1/feeds',
        '/api/v1/feeds/preview',
        '/api/v1/feeds/{id}',
        '/api/v1/feeds/{id}/run',
        '/api/v1/jobs/recent',
        '/api/v1/jobs/{id}',
        '/healthz',
      ].sort(),
    );
    for (const [name, schema] of Object.entries(doc.components.schemas as Json))
      expect(() => ajv.compile({ ...schema, components: doc.components })).not.toThrow(name);
    expect(doc.paths['/api/v1/feeds'].post.requestBody.content['application/json'].schema).toMatchObject({
      additionalProperties: false,
      required: ['url', 'name'],
      properties: { intervalMinutes: { minimum: 5, maximum: 1440 } },
    });
    expect(doc.paths['/api/v1/jobs/recent'].get.parameters.map((p: Json) => p.name)).toEqual([
      'limit',
      'q',
      'context',
      'company',
      'remote',
      'category',
      'country',
      'workplace',
    ]);
    const category = doc.paths['/api/v1/jobs/recent'].get.parameters.find((p: Json) => p.name === 'category');
    expect(category.schema.enum).toContain('customer-support');
  });

  test('real responses of every public endpoint match the document', async () => {
    const alice = await addRecruiter(h.db);
    const bob = await addRecruiter(h.db);
    h.fixtures.handle(
      '/feed.xml',
      xmlHandler(
        indeedFeed([
          `<referencenumber>C1</referencenumber><title>Contract Tester</title><company>Acme</company><url>https://jobs.example.com/c1</url><date>2026-11-20T10:00:00Z</date><salary>$50 - $60 per hour</salary><jobtype>contract</jobtype>`,
          '<title>No link</title>',
        ]),
      ),
    );
    const url = `${h.fixtures.url}/feed.xml`;

    conforms('/healthz', 'get', await h.api.get('/healthz'));
    conforms(
      '/api/v1/feeds/preview',
      'post',
      await h.api.post('/api/v1/feeds/preview').set(alice.auth).send({ url }),
    );
    conforms(
      '/api/v1/feeds/preview',
      'post',
      await h.api.post('/api/v1/feeds/preview').set(alice.auth).send({ url: 'x' }),
    );
    conforms(
      '/api/v1/feeds/preview',
      'post',
      await h.api
        .post('/api/v1/feeds/preview')
        .set(alice.auth)
        .send({ url: `${h.fixtures.url}/missing` }),
    );
    conforms('/api/v1/feeds', 'get', await h.api.get('/api/v1/feeds'));

    const created = await h.api.post('/api/v1/feeds').set(alice.auth).send({ url, name: 'Contract feed' });
    conforms('/api/v1/feeds', 'post', created);
    conforms(
      '/api/v1/feeds',
      'post',
      await h.api.post('/api/v1/feeds').set(alice.auth).send({ url, name: 'Again' }),
    );
    const id = created.body.feed.id;
    await h.runFeed(id);

    conforms('/api/v1/feeds', 'get', await h.api.get('/api/v1/feeds').set(alice.auth));
    const detail = await h.api.get(`/api/v1/feeds/${id}`).set(alice.auth);
    expect(detail.body.runs.length).toBeGreaterThan(0);
    conforms('/api/v1/feeds/{id}', 'get', detail);
    conforms('/api/v1/feeds/{id}', 'get', await h.api.get(`/api/v1/feeds/${id}`).set(bob.auth));
    conforms(
      '/api/v1/feeds/{id}',
      'patch',
      await h.api
        .patch(`/api/v1/feeds/${id}`)
        .set(alice.auth)
        .send({ mapping: { items: 'job', fields: { title: 'job_name', url: 'apply' } } }),
    );
    conforms(
      '/api/v1/feeds/{id}',
      'patch',
      await h.api.patch(`/api/v1/feeds/${id}`).set(alice.auth).send({ paused: 1 }),
    );
    conforms('/api/v1/feeds/{id}/run', 'post', await h.api.post(`/api/v1/feeds/${id}/run`).set(alice.auth));
    conforms('/api/v1/feeds/{id}/run', 'post', await h.api.post(`/api/v1/feeds/${id}/run`).set(alice.auth));

    const recent = await h.api.get('/api/v1/jobs/recent');
    expect(recent.body.jobs).toHaveLength(1);
    conforms('/api/v1/jobs/recent', 'get', recent);
    conforms('/api/v1/jobs/recent', 'get', await h.api.get('/api/v1/jobs/recent?limit=0'));
    conforms('/api/v1/jobs/{id}', 'get', await h.api.get(`/api/v1/jobs/${recent.body.jobs[0].id}`));
    conforms('/api/v1/jobs/{id}', 'get', await h.api.get('/api/v1/jobs/nope'));

    conforms('/api/v1/feeds/{id}', 'delete', await h.api.delete(`/api/v1/feeds/${id}`).set(alice.auth));
    conforms('/api/v1/feeds/{id}', 'delete', await h.api.delete(`/api/v1/feeds/${id}`).set(alice.auth));

    expect([...checked].sort()).toEqual(
      [
        'get /healthz 200',
        'post /api/v1/feeds/preview 200',
        'post /api/v1/feeds/preview 400',
        'post /api/v1/feeds/preview 422',
        'get /api/v1/feeds 401',
        'get /api/v1/feeds 200',
        'post /api/v1/feeds 201',
        'post /api/v1/feeds 409',
        'get /api/v1/feeds/{id} 200',
        'get /api/v1/feeds/{id} 404',
        'patch /api/v1/feeds/{id} 200',
        'patch /api/v1/feeds/{id} 400',
        'post /api/v1/feeds/{id}/run 202',
        'post /api/v1/feeds/{id}/run 429',
        'get /api/v1/jobs/recent 200',
        'get /api/v1/jobs/recent 400',
        'get /api/v1/jobs/{id} 200',
        'get /api/v1/jobs/{id} 404',
        'delete /api/v1/feeds/{id} 204',
        'delete /api/v1/feeds/{id} 404',
      ].sort(),
    );
  });
});
