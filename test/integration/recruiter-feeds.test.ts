import { Types } from 'mongoose';
import { FORMAT_NAMES } from '../../src/ingest/formats';
import { ingestJobId } from '../../src/queue/queues';
import { startHarness, type Harness } from '../helpers/harness';
import { addRecruiter, indeedFeed, xmlHandler } from '../helpers/recruiters';
import { waitFor } from '../helpers/wait-for';

const MAPPING = { items: 'job', fields: { title: 'job_name', url: 'apply' } };

const goodJob = (id: string, title = `Engineer ${id}`) =>
  `<referencenumber>${id}</referencenumber><title>${title}</title><company>Acme</company>` +
  `<url>https://jobs.example.com/${id}</url><date>${new Date(Date.now() - 86_400_000).toUTCString()}</date>` +
  `<description>Build things.</description>`;

describe('recruiter feeds API', () => {
  let h: Harness;
  let alice: Awaited<ReturnType<typeof addRecruiter>>;
  let bob: Awaited<ReturnType<typeof addRecruiter>>;

  beforeAll(async () => {
    h = await startHarness();
    alice = await addRecruiter(h.db, 'Alice Staffing');
    bob = await addRecruiter(h.db, 'Bob Careers');
    h.fixtures.handle('/alice.xml', xmlHandler(indeedFeed([goodJob('A1'), goodJob('A2'), goodJob('A3')])));
    h.fixtures.handle('/bob.xml', xmlHandler(indeedFeed([goodJob('B1')])));
  });
  afterAll(async () => {
    await h.close();
  });

  const addFeed = (who: typeof alice, path: string, extra: Record<string, unknown> = {}) =>
    h.api
      .post('/api/v1/feeds')
      .set(who.auth)
      .send({ url: `${h.fixtures.url}${path}`, name: `Feed ${path}`, ...extra });

  describe('authentication', () => {
    test('a missing, malformed or unknown key is a 401 that says how to authenticate', async () => {
      const missing = await h.api.get('/api/v1/feeds').expect(401);
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="jobfeed"');
      expect(missing.body.error).toEqual({
        code: 'unauthorized',
        message: 'Send your API key in the header "Authorization: Bearer <apiKey>"',
      });
      await h.api.get('/api/v1/feeds').set('authorization', `Basic ${alice.apiKey}`).expect(401);
      await h.api.get('/api/v1/feeds').set('authorization', 'Bearer not-a-key').expect(401);
      const unknown = await h.api
        .get('/api/v1/feeds')
        .set('authorization', `Bearer jf_${'A'.repeat(43)}`)
        .expect(401);
      expect(unknown.body.error.message).toBe('The API key is not valid');
    });

    test('a revoked key is a 401; rotating issues a new key and the old one stops working', async () => {
      const carol = await addRecruiter(h.db, 'Carol');
      await h.api.get('/api/v1/feeds').set(carol.auth).expect(200);
      await h.db.recruiters.revoke(carol.id);
      const revoked = await h.api.get('/api/v1/feeds').set(carol.auth).expect(401);
      expect(revoked.body.error.message).toMatch(/revoked/);

      const rotated = await h.db.recruiters.rotate(carol.id);
      expect(rotated!.apiKey).not.toBe(carol.apiKey);
      await h.api.get('/api/v1/feeds').set(carol.auth).expect(401);
      await h.api.get('/api/v1/feeds').set('authorization', `Bearer ${rotated!.apiKey}`).expect(200);
    });

    test('only a hash and a short prefix of the key are stored', async () => {
      const stored = await h.db.connection
        .collection('recruiters')
        .findOne({ _id: new Types.ObjectId(alice.id) });
      expect(JSON.stringify(stored)).not.toContain(alice.apiKey);
      expect(stored).toMatchObject({
        keyPrefix: alice.apiKey.slice(0, 11),
        keyHash: expect.stringMatching(/^[a-f\d]{64}$/),
      });
    });
  });

  describe('POST /api/v1/feeds/preview', () => {
    test('reads and normalizes the feed without saving anything', async () => {
      const res = await h.api
        .post('/api/v1/feeds/preview')
        .set(alice.auth)
        .send({ url: `${h.fixtures.url}/alice.xml` })
        .expect(200);
      expect(res.body).toMatchObject({
        detectedFormat: 'indeed-xml',
        counts: { seen: 3, valid: 3, rejected: 0 },
        warnings: [],
        rejected: [],
      });
      expect(res.body.postings[0]).toMatchObject({
        externalId: 'A1',
        title: 'Engineer A1',
        company: 'Acme',
        snippet: 'Build things.',
        url: 'https://jobs.example.com/A1',
        age: 'yesterday',
      });
      expect(await h.db.feeds.list()).toEqual([]);
      expect(await h.db.postings.listRecent({ limit: 50 })).toEqual([]);
    });

    test('shows the first 20 postings and counts them all', async () => {
      const jobs = Array.from({ length: 25 }, (_, i) => goodJob(`M${i}`));
      h.fixtures.handle('/many.xml', xmlHandler(indeedFeed(jobs)));
      const res = await h.api
        .post('/api/v1/feeds/preview')
        .set(alice.auth)
        .send({ url: `${h.fixtures.url}/many.xml` })
        .expect(200);
      expect(res.body.postings).toHaveLength(20);
      expect(res.body.counts).toEqual({ seen: 25, valid: 25, rejected: 0 });
    });

    test('every warning says what to fix in the feed, and rejected items come with their reason', async () => {
      h.fixtures.handle(
        '/messy.xml',
        xmlHandler(
          indeedFeed([
            '<title>No link</title><company>Acme</company><date>2026-11-20</date>',
            '<title>Bad link</title><url>javascript:alert(1)</url>',
            '<title>No company, no id</title><url>https://jobs.example.com/x</url><date>someday soon</date>',
            '<referencenumber>R1</referencenumber><title>Old</title><url>https://jobs.example.com/old</url><date>2020-01-01</date><company>Acme</company>',
            '<referencenumber>R1</referencenumber><title>Again</title><url>https://jobs.example.com/again</url><company>Acme</company>',
          ]),
        ),
      );
      const res = await h.api
        .post('/api/v1/feeds/preview')
        .set(alice.auth)
        .send({ url: `${h.fixtures.url}/messy.xml` })
        .expect(200);
      expect(res.body.counts).toEqual({ seen: 5, valid: 3, rejected: 2 });
      expect(res.body.rejected).toEqual([
        { reason: 'no url', sample: expect.stringContaining('No link') },
        {
          reason: 'url is not an http(s) link: javascript:alert(1)',
          sample: expect.stringContaining('Bad link'),
        },
      ]);
      const warnings: string[] = res.body.warnings;
      expect(warnings).toEqual(
        expect.arrayContaining([
          '1 posting was skipped for having no link: give every posting a <url> with an absolute http(s) URL.',
          expect.stringMatching(/^1 posting was skipped because their <url> is not an http\(s\) link/),
          expect.stringMatching(
            /^1 of 3 postings have no <referencenumber>: .*Add a stable id to each posting\.$/,
          ),
          expect.stringMatching(/^1 posting repeats an id .* give each posting its own <referencenumber>\.$/),
          expect.stringMatching(
            /^1 of 3 postings name no company: add <company> to each posting, or set the feed's "company"/,
          ),
          expect.stringMatching(/^1 of 3 postings have no <date>: .*Add the date each job was posted\.$/),
          expect.stringMatching(/^Some dates cannot be read \("someday soon"\): write <date> as RFC 2822/),
          expect.stringMatching(/^1 of 3 postings were posted more than a year ago: remove jobs/),
        ]),
      );
      expect(warnings).toHaveLength(8);
    });

    test("a mapping names the feed's own elements; company and format are applied", async () => {
      h.fixtures.handle(
        '/custom.xml',
        xmlHandler(
          indeedFeed(['<job_name>Data Wrangler</job_name><apply>https://jobs.example.com/dw</apply>']),
        ),
      );
      const res = await h.api
        .post('/api/v1/feeds/preview')
        .set(alice.auth)
        .send({
          url: `${h.fixtures.url}/custom.xml`,
          format: 'xml-mapping',
          company: 'Wrangle Inc',
          mapping: { items: 'job', fields: { title: 'job_name', url: 'apply' } },
        })
        .expect(200);
      expect(res.body.postings).toEqual([
        expect.objectContaining({
          title: 'Data Wrangler',
          url: 'https://jobs.example.com/dw',
          company: 'Wrangle Inc',
        }),
      ]);
    });

    test('an HTML page, a 404 or an empty feed is a 422 that says what was found', async () => {
      h.fixtures.serveFile('/error.html', 'error-page.html', { 'content-type': 'text/html' });
      const html = await h.api
        .post('/api/v1/feeds/preview')
        .set(alice.auth)
        .send({ url: `${h.fixtures.url}/error.html` })
        .expect(422);
      expect(html.body.error).toMatchObject({
        code: 'not_a_job_feed',
        message: expect.stringMatching(/HTML page/),
      });
      const missing = await h.api
        .post('/api/v1/feeds/preview')
        .set(alice.auth)
        .send({ url: `${h.fixtures.url}/nothing-here.xml` })
        .expect(422);
      expect(missing.body.error).toMatchObject({
        code: 'feed_unreachable',
        message: expect.stringMatching(/HTTP 404/),
      });
      h.fixtures.handle('/empty.xml', xmlHandler(indeedFeed([])));
      const empty = await h.api
        .post('/api/v1/feeds/preview')
        .set(alice.auth)
        .send({ url: `${h.fixtures.url}/empty.xml` })
        .expect(422);
      expect(empty.body.error.message).toMatch(/with no postings/);
    });
  });

  describe('POST /api/v1/feeds', () => {
    test('creates the feed (201) and polls it at once', async () => {
      const res = await addFeed(alice, '/alice.xml', { intervalMinutes: 30, company: 'Acme' }).expect(201);
      const feed = res.body.feed;
      expect(res.headers.location).toBe(`/api/v1/feeds/${feed.id}`);
      expect(feed).toMatchObject({
        name: 'Feed /alice.xml',
        url: `${h.fixtures.url}/alice.xml`,
        intervalMinutes: 30,
        company: 'Acme',
        status: 'active',
        activePostings: 0,
      });
      expect(feed).not.toHaveProperty('recruiterId');
      const polled = await waitFor(async () => {
        const { body } = await h.api.get(`/api/v1/feeds/${feed.id}`).set(alice.auth).expect(200);
        return body.feed.lastSuccessAt ? body : undefined;
      }, 'the first poll');
      expect(polled.feed.activePostings).toBe(3);
      expect(polled.runs).toEqual([
        expect.objectContaining({
          status: 'succeeded',
          format: 'indeed-xml',
          counts: expect.objectContaining({ seen: 3, inserted: 3 }),
        }),
      ]);
      // The next poll is an interval away, not due at the next scheduler tick again.
      expect(Date.parse(polled.feed.nextRunAt) - Date.parse(feed.createdAt)).toBeGreaterThan(29 * 60_000);
    });

    test('the same URL twice from one recruiter is a 409; another recruiter may add it', async () => {
      await addFeed(bob, '/bob.xml').expect(201);
      const again = await addFeed(bob, '/bob.xml').expect(409);
      expect(again.body.error.code).toBe('feed_exists');
      await addFeed(alice, '/bob.xml').expect(201);
    });
  });

  describe('ownership', () => {
    test("each recruiter lists only their own feeds; another's feed is a 404 for every verb", async () => {
      const aliceFeeds = (await h.api.get('/api/v1/feeds').set(alice.auth).expect(200)).body.feeds;
      const bobFeeds = (await h.api.get('/api/v1/feeds').set(bob.auth).expect(200)).body.feeds;
      expect(aliceFeeds.map((f: { url: string }) => f.url).sort()).toEqual([
        `${h.fixtures.url}/alice.xml`,
        `${h.fixtures.url}/bob.xml`,
      ]);
      expect(bobFeeds.map((f: { url: string }) => f.url)).toEqual([`${h.fixtures.url}/bob.xml`]);
      const polled = aliceFeeds.find((f: { url: string }) => f.url.endsWith('/alice.xml'));
      expect(polled).toMatchObject({ activePostings: 3, consecutiveFailures: 0, lastError: null });
      expect(Object.keys(aliceFeeds[0]).sort()).toEqual(
        [
          'activePostings',
          'company',
          'consecutiveFailures',
          'createdAt',
          'format',
          'id',
          'intervalMinutes',
          'lastError',
          'lastRunAt',
          'lastSuccessAt',
          'mapping',
          'name',
          'nextRunAt',
          'personioAccount',
          'status',
          'updatedAt',
          'url',
        ].sort(),
      );

      const bobsFeed = bobFeeds[0].id;
      for (const [method, path, body] of [
        ['get', `/api/v1/feeds/${bobsFeed}`, undefined],
        ['patch', `/api/v1/feeds/${bobsFeed}`, { name: 'Stolen' }],
        ['delete', `/api/v1/feeds/${bobsFeed}`, undefined],
        ['post', `/api/v1/feeds/${bobsFeed}/run`, undefined],
      ] as const) {
        const res = await h.api[method](path).set(alice.auth).send(body).expect(404);
        expect(res.body.error).toEqual({ code: 'not_found', message: 'Feed not found' });
      }
      expect((await h.db.feeds.findById(bobsFeed))!.name).toBe('Feed /bob.xml');
      await h.api.get('/api/v1/feeds/not-an-id').set(alice.auth).expect(404);
      await h.api.get(`/api/v1/feeds/${new Types.ObjectId()}`).set(alice.auth).expect(404);
    });
  });

  describe('PATCH /api/v1/feeds/:id', () => {
    test('changes name, interval, company and mapping; pausing stops polls and resuming restarts them', async () => {
      const { feed } = (await addFeed(bob, '/patch.xml')).body;
      const changed = await h.api
        .patch(`/api/v1/feeds/${feed.id}`)
        .set(bob.auth)
        .send({ name: 'Renamed', intervalMinutes: 1440, company: null, mapping: MAPPING })
        .expect(200);
      expect(changed.body.feed).toMatchObject({
        name: 'Renamed',
        intervalMinutes: 1440,
        company: null,
        mapping: MAPPING,
      });

      const paused = await h.api
        .patch(`/api/v1/feeds/${feed.id}`)
        .set(bob.auth)
        .send({ paused: true })
        .expect(200);
      expect(paused.body.feed).toMatchObject({ status: 'paused', nextRunAt: null });
      const refused = await h.api.post(`/api/v1/feeds/${feed.id}/run`).set(bob.auth).expect(409);
      expect(refused.body.error.code).toBe('feed_paused');

      const before = Date.now();
      const resumed = await h.api
        .patch(`/api/v1/feeds/${feed.id}`)
        .set(bob.auth)
        .send({ paused: false })
        .expect(200);
      expect(resumed.body.feed.status).toBe('active');
      expect(Date.parse(resumed.body.feed.nextRunAt)).toBeGreaterThanOrEqual(before - 1000);
    });

    test('an empty or invalid change is a 400 naming the fields', async () => {
      const { feed } = (await addFeed(bob, '/patch-bad.xml')).body;
      const empty = await h.api.patch(`/api/v1/feeds/${feed.id}`).set(bob.auth).send({}).expect(400);
      expect(empty.body.error.fields).toEqual([
        {
          field: '(request)',
          message: 'give at least one of name, intervalMinutes, mapping, company, personioAccount, paused',
        },
      ]);
      const bad = await h.api
        .patch(`/api/v1/feeds/${feed.id}`)
        .set(bob.auth)
        .send({ intervalMinutes: 2, paused: 'yes', url: 'https://elsewhere.example.com/' })
        .expect(400);
      expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'intervalMinutes',
        'paused',
        'url',
      ]);
    });
  });

  describe('look-alike postings of different recruiters', () => {
    const job = (id: string, title: string, url: string, daysAgo: number) =>
      `<referencenumber>${id}</referencenumber><title>${title}</title><url>${url}</url>` +
      `<date>${new Date(Date.now() - daysAgo * 86_400_000).toUTCString()}</date><description>Analyse.</description>`;

    async function addPolledFeed(who: typeof alice, path: string, jobs: string[]): Promise<{ id: string }> {
      h.fixtures.handle(path, xmlHandler(indeedFeed(jobs)));
      const { feed } = (await addFeed(who, path).expect(201)).body;
      await waitFor(async () => {
        const { body } = await h.api.get(`/api/v1/feeds/${feed.id}`).set(who.auth).expect(200);
        return body.feed.lastSuccessAt ? body : undefined;
      }, `the first poll of ${path}`);
      return feed;
    }

    /** Each call asks for a limit no request asked before: the read cache cannot answer from before the last poll. */
    let uncachedLimit = 30;
    async function listed(q: string): Promise<{ id: string; url: string }[]> {
      uncachedLimit++;
      return (await h.api.get(`/api/v1/jobs/recent?q=${q}&limit=${uncachedLimit}`).expect(200)).body.jobs;
    }

    test("another recruiter's look-alike with its own link is listed beside the first, never instead of it", async () => {
      await addPolledFeed(alice, '/lookalike-alice.xml', [
        job('LA1', 'Lookalike Analyst', 'https://alice.example/jobs/la1', 3),
      ]);
      await addPolledFeed(bob, '/lookalike-bob.xml', [
        job('LB1', 'Lookalike Analyst', 'https://bob.example/takeover', 1),
      ]);

      const jobs = await listed('Lookalike');
      expect(jobs.map((j) => j.url)).toEqual([
        'https://bob.example/takeover',
        'https://alice.example/jobs/la1',
      ]);
      const alicesJob = jobs[1]!;
      const click = await h.api.get(`/r/${alicesJob.id}`).expect(302);
      expect(click.headers.location).toBe('https://alice.example/jobs/la1');
      const embed = await h.api.get(`/embed/recent?q=Lookalike&limit=${++uncachedLimit}`).expect(200);
      expect(embed.text).toContain(`href="/r/${alicesJob.id}?ranking=recency"`);
    });

    test("one recruiter's look-alikes are one job: the posting seen first, though a later one is newer", async () => {
      const first = await addPolledFeed(alice, '/twin-first.xml', [
        job('TW1', 'Twin Analyst', 'https://alice.example/jobs/tw1', 5),
      ]);
      await addPolledFeed(alice, '/twin-later.xml', [
        job('TW2', 'Twin Analyst', 'https://alice.example/jobs/tw2', 1),
      ]);

      const [firstPosting] = await h.db.postings.listForFeed(new Types.ObjectId(first.id));
      expect(await listed('Twin')).toEqual([
        expect.objectContaining({ id: String(firstPosting!._id), url: 'https://alice.example/jobs/tw1' }),
      ]);
    });

    test('look-alikes of different recruiters with the same link are one job: the posting seen first', async () => {
      const first = await addPolledFeed(alice, '/shared-alice.xml', [
        job('SA1', 'Shared Analyst', 'https://shared.example/jobs/1', 5),
      ]);
      await addPolledFeed(bob, '/shared-bob.xml', [
        job('SB1', 'Shared Analyst', 'https://shared.example/jobs/1', 1),
      ]);

      const [firstPosting] = await h.db.postings.listForFeed(new Types.ObjectId(first.id));
      expect((await listed('Shared')).map((j) => j.id)).toEqual([String(firstPosting!._id)]);
    });
  });

  describe('DELETE /api/v1/feeds/:id', () => {
    test('removes the feed and its schedule; its postings leave the listings', async () => {
      h.fixtures.handle('/gone.xml', xmlHandler(indeedFeed([goodJob('G1', 'Vanishing Role')])));
      const { feed } = (await addFeed(alice, '/gone.xml')).body;
      await waitFor(async () => {
        const { body } = await h.api.get('/api/v1/jobs/recent?q=Vanishing').expect(200);
        return body.jobs.length ? body : undefined;
      }, 'the posting to be listed');

      await h.api.delete(`/api/v1/feeds/${feed.id}`).set(alice.auth).expect(204);
      expect((await h.api.get('/api/v1/jobs/recent?q=Vanishing').expect(200)).body.jobs).toEqual([]);
      expect(await h.db.feeds.findById(feed.id)).toBeNull();
      expect(await h.db.postings.listForFeed(new Types.ObjectId(feed.id))).toEqual([]);
      await h.api.get(`/api/v1/feeds/${feed.id}`).set(alice.auth).expect(404);
      await h.api.delete(`/api/v1/feeds/${feed.id}`).set(alice.auth).expect(404);
    });
  });

  describe('a feed deleted while it is being polled', () => {
    test('leaves no postings behind once the poll finishes', async () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      h.fixtures.handle('/slow.xml', async (_req, res) => {
        await released;
        xmlHandler(indeedFeed([goodJob('S1', 'Ghost Role')]))(_req, res);
      });
      const { feed } = (await addFeed(alice, '/slow.xml')).body;
      await waitFor(
        async () => (h.fixtures.requests('/slow.xml') > 0 ? true : undefined),
        'the poll to start',
      );
      await h.api.delete(`/api/v1/feeds/${feed.id}`).set(alice.auth).expect(204);
      release();

      const feedId = new Types.ObjectId(feed.id);
      await waitFor(async () => {
        const [run] = await h.db.feedRuns.listForFeed(feedId, 1);
        return run && run.status !== 'running' ? run : undefined;
      }, 'the poll to finish');
      expect(await h.db.postings.listForFeed(feedId)).toEqual([]);
      expect((await h.api.get('/api/v1/jobs/recent?q=Ghost').expect(200)).body.jobs).toEqual([]);
    });
  });

  describe("a feed's mapping", () => {
    test('is used when the feed is polled', async () => {
      h.fixtures.handle(
        '/mapped.xml',
        xmlHandler(
          indeedFeed([
            '<ref>MP1</ref><job_name>Mapped Role</job_name><apply>https://jobs.example.com/mp1</apply>',
          ]),
        ),
      );
      const { feed } = (
        await addFeed(bob, '/mapped.xml', {
          mapping: { items: 'job', fields: { externalId: 'ref', title: 'job_name', url: 'apply' } },
        }).expect(201)
      ).body;
      expect(feed.mapping).toEqual({
        items: 'job',
        fields: { externalId: 'ref', title: 'job_name', url: 'apply' },
      });
      const postings = await waitFor(async () => {
        const found = await h.db.postings.listForFeed(new Types.ObjectId(feed.id));
        return found.length ? found : undefined;
      }, 'the mapped posting');
      expect(postings).toEqual([
        expect.objectContaining({
          externalId: 'MP1',
          title: 'Mapped Role',
          url: 'https://jobs.example.com/mp1',
        }),
      ]);
    });
  });

  describe('POST /api/v1/feeds/:id/run', () => {
    test('queues a poll (202), then refuses another within a minute with 429 and Retry-After', async () => {
      const { feed } = (await addFeed(bob, '/run.xml')).body;
      const first = await h.api.post(`/api/v1/feeds/${feed.id}/run`).set(bob.auth).expect(202);
      expect(first.body).toEqual({
        feedId: feed.id,
        jobId: expect.stringMatching(/^feed-.+-manual-\d+$/),
        queued: true,
      });
      expect(first.body.jobId).toBe(
        ingestJobId.manual(feed.id, new Date(Number(first.body.jobId.split('-').pop()) * 60_000)),
      );
      expect(await h.queues.ingest.getJob(first.body.jobId)).toBeDefined();

      const second = await h.api.post(`/api/v1/feeds/${feed.id}/run`).set(bob.auth).expect(429);
      expect(second.body.error.code).toBe('rate_limited');
      const retryAfter = Number(second.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });
  });

  describe('request validation and injection', () => {
    test('unknown fields, wrong types, intervals outside 5-1440 and non-http(s) URLs are a 400 naming each field', async () => {
      const res = await h.api
        .post('/api/v1/feeds')
        .set(alice.auth)
        .send({ url: 'ftp://example.com/feed.xml', name: 42, intervalMinutes: 4, format: 'csv', admin: true })
        .expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      const fields = Object.fromEntries(
        res.body.error.fields.map((f: { field: string; message: string }) => [f.field, f.message]),
      );
      expect(fields).toEqual({
        url: 'must be an http or https URL of at most 2048 characters',
        name: 'must be text',
        intervalMinutes: 'must be a whole number of minutes from 5 to 1440',
        format: `must be one of ${FORMAT_NAMES.join(', ')} (leave it out to detect the format)`,
        admin: 'Unrecognized key: "admin"',
      });
      for (const [body, field] of [
        [{ url: 'javascript:alert(1)', name: 'x' }, 'url'],
        [{ url: 'https://example.com/a', name: 'x', intervalMinutes: 1441 }, 'intervalMinutes'],
        [{ url: 'https://example.com/a', name: 'x', intervalMinutes: '60' }, 'intervalMinutes'],
        [{ url: 'https://example.com/a', name: 'x', intervalMinutes: 7.5 }, 'intervalMinutes'],
        [{ url: 'https://example.com/a', name: '' }, 'name'],
        [
          { url: 'https://example.com/a', name: 'x', mapping: { items: 'job', fields: { title: 'x' } } },
          'mapping.fields.url',
        ],
        [{ url: 'https://example.com/a', name: 'x', mapping: 'job_name' }, 'mapping'],
      ] as const) {
        const bad = await h.api.post('/api/v1/feeds').set(alice.auth).send(body).expect(400);
        expect(bad.body.error.fields).toEqual([expect.objectContaining({ field })]);
      }
      const preview = await h.api
        .post('/api/v1/feeds/preview')
        .set(alice.auth)
        .send({ url: 'file:///etc/passwd' })
        .expect(400);
      expect(preview.body.error.fields).toEqual([expect.objectContaining({ field: 'url' })]);
    });

    test('operator-like keys anywhere in the body or the query are a 400 naming them', async () => {
      const body = await h.api
        .post('/api/v1/feeds')
        .set(alice.auth)
        .send({ url: 'https://example.com/a', name: { $ne: null }, mapping: { $where: 'sleep(1)' } })
        .expect(400);
      expect(body.body.error.fields).toEqual([
        { field: 'name.$ne', message: 'keys starting with "$" are not accepted' },
        { field: 'mapping.$where', message: 'keys starting with "$" are not accepted' },
      ]);
      const nested = await h.api
        .patch(`/api/v1/feeds/${new Types.ObjectId()}`)
        .set(alice.auth)
        .send({ $set: { recruiterId: bob.id } })
        .expect(400);
      expect(nested.body.error.fields[0].field).toBe('$set');
      const query = await h.api.get('/api/v1/feeds?url[$ne]=x').set(alice.auth).expect(400);
      expect(query.body.error.fields).toEqual([
        { field: 'url[$ne]', message: 'keys starting with "$" are not accepted' },
      ]);
      const unknownQuery = await h.api.get('/api/v1/feeds?recruiterId=x').set(alice.auth).expect(400);
      expect(unknownQuery.body.error.fields).toEqual([expect.objectContaining({ field: 'recruiterId' })]);
    });

    test('a body over 100 KB is a 413; a body that is not JSON is a 400', async () => {
      const big = await h.api
        .post('/api/v1/feeds')
        .set(alice.auth)
        .send({ url: 'https://example.com/a', name: 'x'.repeat(101 * 1024) })
        .expect(413);
      expect(big.body.error.code).toBe('payload_too_large');
      const broken = await h.api
        .post('/api/v1/feeds')
        .set(alice.auth)
        .set('content-type', 'application/json')
        .send('{"url":')
        .expect(400);
      expect(broken.body.error.code).toBe('invalid_json');
      const text = await h.api
        .post('/api/v1/feeds')
        .set(alice.auth)
        .set('content-type', 'text/plain')
        .send('url=x')
        .expect(400);
      expect(text.body.error.message).toMatch(/JSON object/);
    });
  });

  describe('security headers', () => {
    test('every response carries helmet headers; the recruiter page a strict CSP', async () => {
      for (const path of ['/api/v1/jobs/recent', '/healthz', '/nope', '/api/v1/feeds']) {
        const res = await h.api.get(path);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
        expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      }
      const page = await h.api
        .get('/recruiters')
        .expect(200)
        .expect('content-type', /text\/html/);
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("require-trusted-types-for 'script'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(page.text).not.toMatch(/<script>|\son\w+=/i);
      await h.api
        .get('/recruiters/recruiters.js')
        .expect(200)
        .expect('content-type', /javascript/);
    });
  });
});
