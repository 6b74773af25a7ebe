import supertest from 'supertest';
import { createHttpListener } from '../../src/api/http-listener';
import { renderHomePage } from '../../src/api/renderers/home-page';
import { createLogger } from '../../src/logger';
import { startHarness, type Harness } from '../helpers/harness';

/** The hrefs of a page's links, in order. */
const hrefs = (page: string) => [...page.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]);

describe('GET /', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ workers: false });
  });
  afterAll(() => h.close());

  test('is a small HTML page linking to the recruiter page and the API description, not a JSON 404', async () => {
    const res = await h.api.get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(hrefs(res.text)).toEqual(['/recruiters', '/api/openapi.json', '/api/v1/jobs/recent']);
    expect(res.text).not.toContain('/demo');
    // No scripts may run on it.
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-security-policy']).not.toMatch(/script-src/);
  });

  test("carries the same security headers as the app's other pages", async () => {
    const home = await h.api.get('/').expect(200);
    const recruiters = await h.api.get('/recruiters').expect(200);
    for (const name of [
      'strict-transport-security',
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'cross-origin-opener-policy',
      'cross-origin-resource-policy',
      'x-dns-prefetch-control',
    ]) {
      expect({ name, value: home.headers[name] }).toEqual({ name, value: recruiters.headers[name] });
      expect(home.headers[name]).toBeDefined();
    }
  });

  test('when the demo runs, it links to the sample article first', async () => {
    const api = supertest(
      createHttpListener({
        db: h.db,
        logger: createLogger(h.config),
        config: h.config,
        redis: h.redis,
        queues: h.queues,
        homeLinks: [{ href: '/demo', label: 'Demo', about: 'a sample article' }],
      }),
    );
    const res = await api.get('/').expect(200);
    expect(hrefs(res.text)).toEqual(['/demo', '/recruiters', '/api/openapi.json', '/api/v1/jobs/recent']);
  });

  test('link texts are escaped', () => {
    const page = renderHomePage([
      { href: '/x?a=1&b="2"', label: '<script>alert(1)</script>', about: 'a & b' },
    ]);
    expect(page).toContain('<a href="/x?a=1&amp;b=&quot;2&quot;">&lt;script&gt;alert(1)&lt;/script&gt;</a>');
    expect(page).not.toContain('<script>');
  });
});
