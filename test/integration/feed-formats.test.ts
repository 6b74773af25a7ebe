import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFieldMapping } from '../../src/ingest/formats/field-mapping.schema';
import { FIXTURE_MAPPINGS } from '../helpers/golden';
import { startHarness, type Harness } from '../helpers/harness';

describe('partner formats through the worker: detection, charset header, stored mapping, cross-feed duplicates', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  test('the same job on an Indeed-style feed and a Greenhouse board is listed once', async () => {
    h.fixtures.handle('/distributor.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' }).end(
        `<?xml version="1.0"?><source><job><referencenumber>D-1</referencenumber><title>Vault Designer</title>
         <company>VaultCo</company><location>New York, NY</location><url>https://distributor.example/D-1</url>
         <date>2026-11-19</date><description>Reposted by a job distributor.</description></job></source>`,
      );
    });
    h.fixtures.serveFile('/greenhouse', 'greenhouse.json', { 'content-type': 'application/json' });
    const distributor = await h.db.feeds.create({
      name: 'distributor',
      url: `${h.fixtures.url}/distributor.xml`,
      intervalMinutes: 60,
    });
    const greenhouse = await h.db.feeds.create({
      name: 'greenhouse',
      url: `${h.fixtures.url}/greenhouse`,
      intervalMinutes: 60,
    });

    expect(await h.runFeed(String(distributor._id))).toMatchObject({
      status: 'succeeded',
      format: 'indeed-xml',
    });
    expect(await h.runFeed(String(greenhouse._id))).toMatchObject({
      status: 'succeeded',
      format: 'greenhouse',
      counts: { seen: 2, inserted: 2 },
    });

    const jobs = (await h.api.get('/api/v1/jobs/recent?company=VaultCo').expect(200)).body.jobs as {
      title: string;
    }[];
    expect(jobs.map((j) => j.title).sort()).toEqual(['Site Reliability Engineer', 'Vault Designer']);
  });

  test('a feed stored with a field mapping is read through it', async () => {
    h.fixtures.serveFile('/hotel-jobs', 'custom-board.html', { 'content-type': 'text/html; charset=utf-8' });
    const mapping = parseFieldMapping(
      JSON.parse(await readFile(join(FIXTURE_MAPPINGS, 'custom-board.html.json'), 'utf8')),
    );
    const feed = await h.db.feeds.create({
      name: 'hotel',
      url: `${h.fixtures.url}/hotel-jobs`,
      intervalMinutes: 60,
      company: 'Harborview Hotel',
      mapping,
    });
    expect((await h.db.feeds.findById(feed._id))?.mapping).toEqual(mapping);

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({
      status: 'succeeded',
      format: 'html-mapping',
      counts: { seen: 3, inserted: 2, rejected: 1 },
      rejectedSamples: [expect.objectContaining({ reason: 'no url' })],
    });
    const stored = await h.db.postings.listForFeed(feed._id);
    expect(stored.map((p) => [p.externalId, p.title, p.company, p.url]).sort()).toEqual([
      ['HV-11', 'Front Desk Agent', 'Harborview Hotel', `${h.fixtures.url}/jobs/hv-11`],
      ['HV-12', 'Line Cook', 'Harborview Hotel', 'https://harborview.example/jobs/hv-12'],
    ]);
  });

  test('the charset named only by the Content-Type header decodes the feed', async () => {
    h.fixtures.serveFile('/latin1.xml', 'iso-8859-1-header.xml', {
      'content-type': 'application/xml; charset=ISO-8859-1',
    });
    const feed = await h.db.feeds.create({
      name: 'latin1',
      url: `${h.fixtures.url}/latin1.xml`,
      intervalMinutes: 60,
    });

    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'succeeded' });

    const [posting] = await h.db.postings.listForFeed(feed._id);
    expect([posting?.title, posting?.company, posting?.location]).toEqual([
      'Maçon qualifié',
      'Bâtiments Dupré',
      'Genève, CH',
    ]);
  });

  test('an HTML page without JobPosting data fails the run, naming what it found', async () => {
    h.fixtures.serveFile('/home', 'no-jobposting.html', { 'content-type': 'text/html' });
    const feed = await h.db.feeds.create({
      name: 'home',
      url: `${h.fixtures.url}/home`,
      intervalMinutes: 60,
    });

    const run = await h.runFeed(String(feed._id));

    expect(run).toMatchObject({
      status: 'failed',
      error:
        'Not a job feed: an HTML page ("Acme Widgets - Home") with JSON-LD for Organization, WebSite but no JobPosting, not a feed',
    });
    expect(await h.db.feeds.findById(feed._id)).toMatchObject({ status: 'failing' });
  });
});
