import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Types } from 'mongoose';
import pino from 'pino';
import { Agent, request } from 'undici';
import { createHttpListener } from '../../src/api/http-listener';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';

/** Every route the read cache answers from memory, each under three spellings of one query. */
const CACHED_ROUTES: [string, string, string][] = [
  ['/api/v1/jobs/recent?limit=3', '/api/v1/jobs/recent?limit=03', '/api/v1/jobs/recent?limit=003'],
  ['/feeds/recent.rss?limit=3', '/feeds/recent.rss?limit=03', '/feeds/recent.rss?limit=003'],
  ['/feeds/recent.json?limit=3', '/feeds/recent.json?limit=03', '/feeds/recent.json?limit=003'],
  ['/embed/recent?limit=3', '/embed/recent?limit=03', '/embed/recent?limit=003'],
  ['/widget.js', '/widget.js?v=1', '/widget.js?v=2'],
];
/** Headers that differ between any two responses: the clock, the connection, the request's own id. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'x-request-id']);
const SECURITY = [
  'strict-transport-security',
  'referrer-policy',
  'content-security-policy',
  'cross-origin-opener-policy',
  'x-content-type-options',
];

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

describe('answers from the read cache are the answers Express gave, headers and encodings included', () => {
  let h: Harness;
  let server: Server;
  let base: string;
  const client = new Agent();
  const logLines: { msg: string; reqId?: string; url?: string; statusCode?: number }[] = [];

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    await seedPostings(
      h.db,
      new Types.ObjectId(),
      ['a', 'b', 'c'].map((id, i) =>
        preparedPosting(id, {
          title: `Engineer ${id}`,
          snippet: 'Build and run the services that carry the recent list to every site. '.repeat(2),
          postedAt: new Date(Date.now() - (i + 1) * 60_000),
        }),
      ),
    );
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          logLines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'debug' }, logs);
    const listener = createHttpListener({
      db: h.db,
      logger,
      redis: h.redis,
      config: h.config,
      queues: h.queues,
    });
    server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => server?.close(resolve));
    await h.close();
  });

  async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await request(base + path, { headers, dispatcher: client });
    const body = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: res.headers as Record<string, string>, body };
  }

  const comparable = (answer: Answer) =>
    Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !PER_RESPONSE.has(name)));
  const servedFromCache = (answer: Answer) =>
    logLines.filter(
      (line) => line.msg === 'served from cache' && line.reqId === answer.headers['x-request-id'],
    );

  test.each(CACHED_ROUTES)(
    '%s: a cache hit carries the headers of the miss it repeats',
    async (first, other) => {
      const miss = await get(first);
      const hit = await get(first);
      expect(miss.status).toBe(200);
      expect(servedFromCache(miss)).toEqual([]);
      expect(servedFromCache(hit)).toEqual([expect.objectContaining({ statusCode: 200, url: first })]);
      expect(comparable(hit)).toEqual(comparable(miss));
      expect(hit.body.equals(miss.body)).toBe(true);
      for (const name of SECURITY) expect(hit.headers[name]).toBeDefined();
      expect(hit.headers.vary).toMatch(/accept-encoding/i);
      expect(hit.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
      expect(hit.headers['x-request-id']).not.toBe(miss.headers['x-request-id']);

      // A raw URL Express has not seen yet goes through Express even though its entry is cached.
      const conditionalMiss = await get(other, { 'if-none-match': miss.headers.etag! });
      const conditionalHit = await get(other, { 'if-none-match': miss.headers.etag! });
      expect([conditionalMiss.status, conditionalHit.status]).toEqual([304, 304]);
      expect(servedFromCache(conditionalMiss)).toEqual([]);
      expect(servedFromCache(conditionalHit)).toEqual([expect.objectContaining({ statusCode: 304 })]);
      expect(comparable(conditionalHit)).toEqual(comparable(conditionalMiss));
    },
  );

  test('a cache hit keeps the x-request-id the client sent', async () => {
    await get('/api/v1/jobs/recent?limit=2');
    const hit = await get('/api/v1/jobs/recent?limit=2', { 'x-request-id': 'client-chosen-id-42' });
    expect(hit.headers['x-request-id']).toBe('client-chosen-id-42');
    expect(servedFromCache(hit)).toHaveLength(1);
  });

  test('the embed page may be framed from the cache as from Express: no X-Frame-Options', async () => {
    await get('/embed/recent?limit=2');
    const hit = await get('/embed/recent?limit=2');
    expect(servedFromCache(hit)).toHaveLength(1);
    expect(hit.headers['x-frame-options']).toBeUndefined();
    expect(hit.headers['content-security-policy']).toContain('frame-ancestors *');
  });

  describe.each(CACHED_ROUTES.map(([path]) => path))('%s', (path) => {
    test.each([
      ['gzip', gunzipSync],
      ['br', brotliDecompressSync],
    ] as const)(
      'Accept-Encoding: %s is honoured and decompresses to the same bytes',
      async (coding, decompress) => {
        const identity = await get(path);
        expect(identity.headers['content-encoding']).toBeUndefined();
        for (const answer of [
          await get(path, { 'accept-encoding': coding }),
          await get(path, { 'accept-encoding': coding }),
        ]) {
          expect(answer.headers['content-encoding']).toBe(coding);
          expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
          expect(answer.body.length).toBeLessThan(identity.body.length);
          expect(decompress(answer.body).equals(identity.body)).toBe(true);
          expect(answer.headers.vary).toMatch(/accept-encoding/i);
          expect(answer.headers.etag).not.toBe(identity.headers.etag);
        }
      },
    );
  });

  test('a client that accepts both gets br; one that refuses both with q=0 gets identity', async () => {
    const path = '/api/v1/jobs/recent?limit=3';
    expect((await get(path, { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe(
      'br',
    );
    expect((await get(path, { 'accept-encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe(
      'gzip',
    );
    const refused = await get(path, { 'accept-encoding': 'gzip;q=0, br;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.body.toString('utf8')).jobs).toHaveLength(3);
  });

  test('an ETag of any encoding revalidates the entry', async () => {
    const path = '/feeds/recent.json?limit=3';
    const br = await get(path, { 'accept-encoding': 'br' });
    const revalidated = await get(path, { 'if-none-match': br.headers.etag! });
    expect(revalidated.status).toBe(304);
  });
});
