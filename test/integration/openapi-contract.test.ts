import { PAGES_STYLESHEET } from '../../src/web/pages-stylesheet';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Express } from 'express';
import { Types } from 'mongoose';
import type { Response } from 'supertest';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { addPublisher } from '../helpers/publishers';
import { addRecruiter, indeedFeed, xmlHandler } from '../helpers/recruiters';

const ADMIN_TOKEN = 'admin-token-for-the-contract-test';
const METRICS_TOKEN = 'metrics-token-for-the-contract-test';
/** Served under /admin/queues/ by bull-board: its own API and assets, not a jobfeed contract (see openapi-operations.ts). */
const BULL_BOARD_INTERNALS = /^\/admin\/queues\/.+/;

interface RouteLayer {
  rawPath?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  /** A Router has a stack; a mounted Express app (bull-board's) has a router with one. */
  handle: { stack?: RouteLayer[]; router?: { stack: RouteLayer[] } };
}

/** Every `METHOD /path` the app's Express routers declare, with `:name` written `{name}` as OpenAPI does. */
function expressRoutes(app: Express): string[] {
  const walk = (stack: RouteLayer[], prefix: string): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const paths = ([] as string[])
          .concat(layer.route.path)
          .map((path) => (prefix + path).replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1'));
        const methods = Object.keys(layer.route.methods).filter((method) => method !== '_all');
        return paths.flatMap((path) => methods.map((method) => `${method} ${path}`));
      }
      const inner = layer.handle.stack ?? layer.handle.router?.stack;
      if (inner) return walk(inner, prefix + (layer.rawPath === '/' ? '' : (layer.rawPath ?? '')));
      return [];
    });
  return [...new Set(walk((app as unknown as { router: { stack: RouteLayer[] } }).router.stack, ''))];
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('GET /api/openapi.json', () => {
  let h: Harness;
  let doc: Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const checked = new Set<string>();

  beforeAll(async () => {
    h = await startHarness({ env: { ADMIN_TOKEN, METRICS_TOKEN } });
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
    const content: Json = documented.content ?? {};
    const essence = (mediaType: string) => mediaType.split(';')[0]!.trim().toLowerCase();
    if (Object.keys(content).length === 0) {
      expect(res.text ?? '').toBe('');
    } else {
      const sent = essence(String(res.headers['content-type'] ?? ''));
      const mediaType = Object.keys(content).find((key) => essence(key) === sent);
      if (!mediaType)
        throw new Error(`${method} ${path} ${res.status} sent ${sent}, documented ${Object.keys(content)}`);
      const schema = content[mediaType].schema;
      if (schema.type === 'string') {
        expect(res.text ?? String(res.body ?? '')).not.toBe('');
      } else {
        const validate = ajv.compile({ ...schema, components: doc.components });
        if (!validate(res.body))
          throw new Error(
            `${method} ${path} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(res.body)}`,
          );
      }
    }
    checked.add(`${method} ${path} ${res.status}`);
  }

  test('is OpenAPI 3.1 with a bearer scheme, and every schema in it compiles', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.apiKey).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    expect(doc.components.securitySchemes.publisherKey).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    expect(doc.paths['/api/v1/placements'].post.security).toEqual([{ publisherKey: [] }]);
    expect(doc.paths['/api/v1/placements/{id}/jobs'].get.security).toEqual([]);
    for (const [name, schema] of Object.entries(doc.components.schemas as Json))
      expect(() => ajv.compile({ ...schema, components: doc.components })).not.toThrow(name);
    expect(doc.paths['/api/v1/feeds'].post.requestBody.content['application/json'].schema).toMatchObject({
      additionalProperties: false,
      required: ['url', 'name'],
      properties: { intervalMinutes: { minimum: 5, maximum: 1440 } },
    });
    const recentParameters = doc.paths['/api/v1/jobs/recent'].get.parameters as Json[];
    expect(recentParameters.filter((p) => p.in === 'header').map((p) => p.name)).toEqual(['If-None-Match']);
    expect(recentParameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual([
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

  test('documents every route of the app, and no route the app does not serve', () => {
    const app = createApp({
      db: h.db,
      logger: createLogger(h.config),
      redis: h.redis,
      config: h.config,
      queues: h.queues,
    });
    const served = expressRoutes(app).filter((route) => !BULL_BOARD_INTERNALS.test(route.split(' ')[1]!));
    const documented = Object.entries(doc.paths as Json).flatMap(([path, methods]) =>
      Object.keys(methods as Json).map((method) => `${method} ${path}`),
    );
    expect(served).toContain('get /admin/queues');
    expect(served).toContain('get /api/v1/feeds/{id}');
    expect(documented.sort()).toEqual(served.sort());
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
    const feedStats = `/api/v1/feeds/${id}/stats`;
    conforms('/api/v1/feeds/{id}/stats', 'get', await h.api.get(feedStats).set(alice.auth));
    conforms('/api/v1/feeds/{id}/stats', 'get', await h.api.get(`${feedStats}?from=x`).set(alice.auth));
    conforms('/api/v1/feeds/{id}/stats', 'get', await h.api.get(feedStats).set(bob.auth));

    const recent = await h.api.get('/api/v1/jobs/recent');
    expect(recent.body.jobs).toHaveLength(1);
    conforms('/api/v1/jobs/recent', 'get', recent);
    conforms('/api/v1/jobs/recent', 'get', await h.api.get('/api/v1/jobs/recent?limit=0'));
    conforms('/api/v1/jobs/{id}', 'get', await h.api.get(`/api/v1/jobs/${recent.body.jobs[0].id}`));
    conforms('/api/v1/jobs/{id}', 'get', await h.api.get('/api/v1/jobs/nope'));

    const postingId = recent.body.jobs[0].id;
    const widget = await h.api.get('/widget.js');
    conforms('/widget.js', 'get', widget);
    conforms('/widget.js', 'get', await h.api.get('/widget.js').set('if-none-match', widget.headers.etag!));
    conforms('/embed/recent', 'get', await h.api.get('/embed/recent?limit=3'));
    conforms('/embed/recent', 'get', await h.api.get('/embed/recent?sort=x'));
    conforms('/embed/recent', 'get', await h.api.get(`/embed/recent?placement=${new Types.ObjectId()}`));
    conforms('/embed/embed.js', 'get', await h.api.get('/embed/embed.js'));
    conforms('/feeds/recent.rss', 'get', await h.api.get('/feeds/recent.rss').buffer(true));
    const jsonFeed = await h.api.get('/feeds/recent.json');
    expect(jsonFeed.body.items).toHaveLength(1);
    conforms('/feeds/recent.json', 'get', jsonFeed);
    conforms('/r/{id}', 'get', await h.api.get(`/r/${postingId}`).redirects(0));
    conforms('/r/{id}', 'get', await h.api.get(`/r/${new Types.ObjectId()}`));
    conforms('/r/{id}', 'get', await h.api.get(`/r/${postingId}?p=nope&dwell=x`).redirects(0));
    const impressions = JSON.stringify({
      placement: null,
      impressions: [{ posting: postingId, ranking: 'recency' }],
    });
    const sendBeacon = () => h.api.post('/api/v1/events').set('content-type', 'text/plain;charset=UTF-8');
    conforms('/api/v1/events', 'post', await sendBeacon().send(impressions));
    conforms('/api/v1/events', 'post', await sendBeacon().send('{"placement":null}'));
    conforms('/api/v1/events', 'post', await sendBeacon().send(impressions.padEnd(9000)));
    const lapsedFeed = new Types.ObjectId();
    await seedPostings(h.db, lapsedFeed, [
      preparedPosting('lapsed', { validThrough: new Date(Date.now() - 60_000) }),
    ]);
    const [lapsed] = await h.db.postings.listForFeed(lapsedFeed);
    conforms('/r/{id}', 'get', await h.api.get(`/r/${String(lapsed!._id)}`));

    const publisher = await addPublisher(h.db);
    const otherPublisher = await addPublisher(h.db);
    conforms('/api/v1/placements', 'get', await h.api.get('/api/v1/placements').set(alice.auth));
    const placement = await h.api
      .post('/api/v1/placements')
      .set(publisher.auth)
      .send({ name: 'Sidebar', allowedOrigins: ['https://news.example'], filters: { companies: ['Acme'] } });
    conforms('/api/v1/placements', 'post', placement);
    conforms(
      '/api/v1/placements',
      'post',
      await h.api.post('/api/v1/placements').set(publisher.auth).send({ name: 'No origins' }),
    );
    conforms('/api/v1/placements', 'get', await h.api.get('/api/v1/placements').set(publisher.auth));
    const placementUrl = `/api/v1/placements/${placement.body.placement.id}`;
    conforms('/api/v1/placements/{id}', 'get', await h.api.get(placementUrl).set(publisher.auth));
    conforms('/api/v1/placements/{id}', 'get', await h.api.get(placementUrl).set(otherPublisher.auth));
    conforms(
      '/api/v1/placements/{id}',
      'patch',
      await h.api.patch(placementUrl).set(publisher.auth).send({ heading: 'Jobs', theme: 'dark' }),
    );
    conforms(
      '/api/v1/placements/{id}',
      'patch',
      await h.api.patch(placementUrl).set(publisher.auth).send({ theme: 'neon' }),
    );
    const placementStats = `${placementUrl}/stats`;
    conforms('/api/v1/placements/{id}/stats', 'get', await h.api.get(placementStats).set(publisher.auth));
    conforms(
      '/api/v1/placements/{id}/stats',
      'get',
      await h.api.get(`${placementStats}?from=2026-11-02&to=2026-11-01`).set(publisher.auth),
    );
    conforms(
      '/api/v1/placements/{id}/stats',
      'get',
      await h.api.get(placementStats).set(otherPublisher.auth),
    );
    const placementJobs = await h.api.get(`${placementUrl}/jobs`);
    expect(placementJobs.body.jobs).toHaveLength(1);
    conforms('/api/v1/placements/{id}/jobs', 'get', placementJobs);
    conforms(
      '/api/v1/placements/{id}/jobs',
      'get',
      await h.api.get(`${placementUrl}/jobs`).set('if-none-match', placementJobs.headers.etag!),
    );
    conforms('/api/v1/placements/{id}/jobs', 'get', await h.api.get(`${placementUrl}/jobs?limit=0`));
    conforms('/api/v1/placements/{id}', 'delete', await h.api.delete(placementUrl).set(publisher.auth));
    conforms('/api/v1/placements/{id}', 'delete', await h.api.delete(placementUrl).set(publisher.auth));
    conforms('/api/v1/placements/{id}/jobs', 'get', await h.api.get(`${placementUrl}/jobs`));

    conforms('/recruiters', 'get', await h.api.get('/recruiters'));
    conforms('/recruiters/recruiters.js', 'get', await h.api.get('/recruiters/recruiters.js'));
    for (const path of [
      '/pages/account-page.js',
      '/publishers',
      '/publishers/publishers.js',
      '/pages/stats-view.js',
    ])
      conforms(path, 'get', await h.api.get(path));
    conforms(PAGES_STYLESHEET.path, 'get', await h.api.get(PAGES_STYLESHEET.path));
    conforms('/api/openapi.json', 'get', await h.api.get('/api/openapi.json'));
    conforms('/readyz', 'get', await h.api.get('/readyz'));
    conforms('/metrics', 'get', await h.api.get('/metrics'));
    conforms('/metrics', 'get', await h.api.get('/metrics').auth(METRICS_TOKEN, { type: 'bearer' }));

    const operator = { authorization: `Bearer ${ADMIN_TOKEN}` };
    conforms('/admin', 'get', await h.api.get('/admin').set(operator));
    conforms('/admin', 'get', await h.api.get('/admin?sort=nonsense').set(operator));
    conforms('/admin', 'get', await h.api.get('/admin'));
    conforms('/admin/feeds/{id}', 'get', await h.api.get(`/admin/feeds/${id}`).set(operator));
    conforms('/admin/feeds/{id}', 'get', await h.api.get('/admin/feeds/nope').set(operator));
    conforms(
      '/admin/feeds/{id}',
      'get',
      await h.api.get(`/admin/feeds/${new Types.ObjectId()}`).set(operator),
    );
    conforms('/admin/queues', 'get', await h.api.get('/admin/queues').auth('ops', ADMIN_TOKEN));

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
        'get /api/v1/feeds/{id}/stats 200',
        'get /api/v1/feeds/{id}/stats 400',
        'get /api/v1/feeds/{id}/stats 404',
        'get /api/v1/jobs/recent 200',
        'get /api/v1/jobs/recent 400',
        'get /api/v1/jobs/{id} 200',
        'get /api/v1/jobs/{id} 404',
        'delete /api/v1/feeds/{id} 204',
        'delete /api/v1/feeds/{id} 404',
        'get /widget.js 200',
        'get /widget.js 304',
        'get /embed/recent 200',
        'get /embed/recent 400',
        'get /embed/recent 404',
        'get /embed/embed.js 200',
        'get /feeds/recent.rss 200',
        'get /feeds/recent.json 200',
        'get /r/{id} 302',
        'get /r/{id} 404',
        'get /r/{id} 410',
        'get /api/v1/placements 200',
        'get /api/v1/placements 401',
        'post /api/v1/placements 201',
        'post /api/v1/placements 400',
        'get /api/v1/placements/{id} 200',
        'get /api/v1/placements/{id} 404',
        'patch /api/v1/placements/{id} 200',
        'patch /api/v1/placements/{id} 400',
        'delete /api/v1/placements/{id} 204',
        'delete /api/v1/placements/{id} 404',
        'get /api/v1/placements/{id}/stats 200',
        'get /api/v1/placements/{id}/stats 400',
        'get /api/v1/placements/{id}/stats 404',
        'get /api/v1/placements/{id}/jobs 200',
        'get /api/v1/placements/{id}/jobs 304',
        'get /api/v1/placements/{id}/jobs 400',
        'get /api/v1/placements/{id}/jobs 404',
        'post /api/v1/events 202',
        'post /api/v1/events 400',
        'post /api/v1/events 413',
        'get /recruiters 200',
        'get /recruiters/recruiters.js 200',
        'get /pages/account-page.js 200',
        'get /publishers 200',
        'get /publishers/publishers.js 200',
        'get /pages/stats-view.js 200',
        `get ${PAGES_STYLESHEET.path} 200`,
        'get /api/openapi.json 200',
        'get /readyz 200',
        'get /metrics 401',
        'get /metrics 200',
        'get /admin 200',
        'get /admin 400',
        'get /admin 401',
        'get /admin/feeds/{id} 200',
        'get /admin/feeds/{id} 400',
        'get /admin/feeds/{id} 404',
        'get /admin/queues 200',
      ].sort(),
    );
  });
});
