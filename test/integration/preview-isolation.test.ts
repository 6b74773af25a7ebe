import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { createHttpListener } from '../../src/api/http-listener';
import { createFetchDispatcher, fetchFeed } from '../../src/ingest/fetch/fetch-feed';
import { previewFeed } from '../../src/ingest/preview-feed';
import { createPreviewRunner, type PreviewBudget } from '../../src/ingest/preview/preview-runner';
import { createLogger } from '../../src/logger';
import { startHarness, type Harness } from '../helpers/harness';
import { addRecruiter, indeedFeed, xmlHandler } from '../helpers/recruiters';

const TIMEOUT_MS = 4000;
const MEMORY_MB = 32;

/** 100,000 elements each inside the last (700 KB): a reader that keeps a frame or a string per level runs out. */
const deeplyNested = indeedFeed([
  '<referencenumber>D1</referencenumber><title>Deep</title><url>https://jobs.example.com/d1</url>' +
    `<description>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</description>`,
]);
/** A 250 KB description of nothing but labels, which a label stripper working line by line rescans quadratically. */
const labelledText = indeedFeed([
  '<referencenumber>L1</referencenumber><title>Labels</title><url>https://jobs.example.com/l1</url>' +
    `<description>${'title: a '.repeat(Math.ceil(250_000 / 9))}</description>`,
]);
/** 300,000 unclosed divs around nothing: a reader that builds the tree pays for every level. */
const deepHtml = `<!doctype html><html><body>${'<div>'.repeat(300_000)}</body></html>`;
/** A JSON Feed of 20,000 items (about 9 MB, under the preview's 10 MB): parsed whole, far past a 32 MB heap. */
const bigJson = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Big',
  items: Array.from({ length: 20_000 }, (_, i) => ({
    id: `big-${i}`,
    url: `https://jobs.example.com/big/${i}`,
    title: `Warehouse Operative ${i}`,
    content_text: 'Pick and pack orders on the day shift, forklift licence welcome. '.repeat(6),
  })),
});

/** A partner that never finishes its feed: one more posting every 20 ms until the reader hangs up. */
function endlessFeed(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
  res.write('<?xml version="1.0"?><source>');
  let n = 0;
  const timer = setInterval(() => {
    n++;
    res.write(
      `<job><referencenumber>E${n}</referencenumber><title>Endless ${n}</title><url>https://jobs.example.com/e${n}</url></job>`,
    );
  }, 20);
  res.on('close', () => clearInterval(timer));
}

describe('previews run outside the API event loop', () => {
  let h: Harness;
  let server: Server;
  let api: ReturnType<typeof supertest>;
  let recruiter: Awaited<ReturnType<typeof addRecruiter>>;

  beforeAll(async () => {
    h = await startHarness({
      workers: false,
      env: {
        PREVIEW_TIMEOUT_MS: String(TIMEOUT_MS),
        PREVIEW_MEMORY_MB: String(MEMORY_MB),
        PREVIEW_CONCURRENCY: '1',
      },
    });
    recruiter = await addRecruiter(h.db, 'Hostile Inputs Ltd');
    h.fixtures.handle('/deep.xml', xmlHandler(deeplyNested));
    h.fixtures.handle('/labels.xml', xmlHandler(labelledText));
    h.fixtures.handle('/endless.xml', endlessFeed);
    h.fixtures.handle('/big.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(bigJson);
    });
    h.fixtures.handle('/deep.html', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(deepHtml);
    });
    h.fixtures.serveFile('/indeed.xml', 'indeed-jobs.xml');
    // One listening server, so healthz latency is the event loop's and not a fresh listener's per request.
    server = createServer(
      createHttpListener({
        db: h.db,
        logger: createLogger(h.config),
        redis: h.redis,
        config: h.config,
        queues: h.queues,
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = supertest(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  const preview = (path: string) =>
    api
      .post('/api/v1/feeds/preview')
      .set(recruiter.auth)
      .send({ url: `${h.fixtures.url}${path}` });

  test('a preview that outlasts its budget is a 422 naming it, while healthz keeps answering fast', async () => {
    // The first request of a fresh server pays for its connection and cold code paths, preview or not.
    await api.get('/healthz').expect(200);
    const heapBefore = process.memoryUsage().heapUsed;
    let previewDone = false;
    const hostile = preview('/endless.xml').then((res) => {
      previewDone = true;
      return res;
    });
    const healthzMs: number[] = [];
    let heapPeak = heapBefore;
    while (!previewDone) {
      const startedAt = performance.now();
      await api.get('/healthz').expect(200, { status: 'ok' });
      healthzMs.push(performance.now() - startedAt);
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const res = await hostile;

    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.error).toEqual(
      expect.objectContaining({
        code: 'preview_timeout',
        message: expect.stringMatching(
          new RegExp(`^The preview ran out of its time budget of ${TIMEOUT_MS / 1000} s`),
        ),
      }),
    );
    // A loop busy with the document would answer once, after the whole preview; a free one answers all along.
    // (How fast it answers is measured by the bench, not asserted here: a shared machine's scheduling varies.)
    expect(healthzMs.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...healthzMs)).toBeLessThan(TIMEOUT_MS / 2);
    expect(heapPeak - heapBefore).toBeLessThan(MEMORY_MB * 1024 * 1024);
    await api.get('/healthz').expect(200);
  });

  test("the issue's hostile documents are read or refused by the readers within the budget", async () => {
    const deep = await preview('/deep.xml').expect(422);
    expect(deep.body.error).toMatchObject({
      code: 'not_a_job_feed',
      message: expect.stringMatching(/more than 256 deep/),
    });
    const labels = await preview('/labels.xml').expect(200);
    expect(labels.body.counts).toEqual({ seen: 1, valid: 1, rejected: 0 });
    const html = await preview('/deep.html').expect(422);
    expect(html.body.error.code).toBe('not_a_job_feed');
  });

  test('past PREVIEW_CONCURRENCY previews at once, the next is a 429 with Retry-After', async () => {
    const running = preview('/endless.xml').then((res) => res);
    // The first preview holds its slot from before it fetches: wait until the fixture server saw its request.
    const requestsBefore = h.fixtures.requests('/endless.xml');
    while (h.fixtures.requests('/endless.xml') === requestsBefore)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await preview('/indeed.xml').expect(429);
    expect(refused.headers['retry-after']).toBe(String(TIMEOUT_MS / 1000));
    expect(refused.body.error).toEqual({
      code: 'previews_busy',
      message: expect.stringMatching(/^1 previews are already running on this server/),
    });
    expect((await running).status).toBe(422);
    await preview('/indeed.xml').expect(200);
  });

  test('a normal feed previews through the worker exactly as previewFeed reads it in-process', async () => {
    const fetchOptions = { ...h.config.fetch, maxBytes: h.config.preview.maxBytes };
    const client = createFetchDispatcher(fetchOptions);
    const request = { url: `${h.fixtures.url}/indeed.xml`, company: 'Fallback Co' };
    const inProcess = await previewFeed(
      { fetch: (url) => fetchFeed(url, {}, fetchOptions, client), snippetLength: h.config.snippetLength },
      request,
    ).finally(() => client.close());
    const runPreview = createPreviewRunner({
      fetch: fetchOptions,
      snippetLength: h.config.snippetLength,
      budget: h.config.preview,
      logger: createLogger(h.config),
    });

    const inWorker = await runPreview(request);

    expect(inProcess.postings.length).toBeGreaterThan(0);
    expect(inWorker).toEqual(inProcess);
    const res = await preview('/indeed.xml').expect(200);
    expect(res.body.counts).toEqual(inProcess.counts);
    expect(res.body.postings.map((p: { externalId: string }) => p.externalId)).toEqual(
      inProcess.postings.map((p) => p.externalId),
    );
  });

  describe('the runner on its own', () => {
    const runnerWith = (budget: Partial<PreviewBudget>) =>
      createPreviewRunner({
        fetch: { ...h.config.fetch, maxBytes: h.config.preview.maxBytes },
        snippetLength: h.config.snippetLength,
        budget: { timeoutMs: 60_000, memoryMb: 256, concurrency: 1, ...budget },
        logger: createLogger(h.config),
      });

    test('a document that outgrows the memory budget ends the worker, not the process', async () => {
      const run = runnerWith({ memoryMb: MEMORY_MB });
      await expect(run({ url: `${h.fixtures.url}/big.json` })).rejects.toMatchObject({
        code: 'preview_out_of_memory',
        status: 422,
        message: `The preview ran out of its memory budget of ${MEMORY_MB} MB: the feed is too large or too deeply nested to read`,
      });
    });

    test('a document that outlasts the time budget is terminated, and frees its slot for the next preview', async () => {
      const run = runnerWith({ timeoutMs: 1500 });
      await expect(run({ url: `${h.fixtures.url}/endless.xml` })).rejects.toMatchObject({
        code: 'preview_timeout',
        status: 422,
        message: expect.stringMatching(/^The preview ran out of its time budget of 1.5 s/),
      });
      await expect(run({ url: `${h.fixtures.url}/indeed.xml` })).resolves.toMatchObject({
        detectedFormat: 'indeed-xml',
      });
    });
  });
});
