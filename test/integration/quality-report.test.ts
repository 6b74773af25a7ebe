import { Types } from 'mongoose';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runJobfeed } from '../helpers/cli-process';
import { FIXTURE_FEEDS } from '../helpers/fixture-server';
import { startHarness, type Harness } from '../helpers/harness';
import { addRecruiter } from '../helpers/recruiters';

const SIDEBAR = 'recent-posts.xml';

describe('the quality report of a read', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ env: { ADMIN_TOKEN: 'quality-admin-token-0123456789' } });
    h.fixtures.serveFile('/sidebar.xml', SIDEBAR);
    h.fixtures.serveFile('/unknown-company.json', 'ashby.json', { 'content-type': 'application/json' });
  });
  afterAll(async () => {
    await h.close();
  });

  test('the preview carries it: every field counted over the items seen', async () => {
    const recruiter = await addRecruiter(h.db, 'Quality Preview');
    const res = await h.api
      .post('/api/v1/feeds/preview')
      .set(recruiter.auth)
      .send({ url: `${h.fixtures.url}/sidebar.xml` })
      .expect(200);
    expect(res.body.quality.fields).toMatchObject({
      title: { present: 6, of: 6 },
      company: { present: 6, of: 6 },
      country: { present: 6, of: 6 },
    });
    // The sidebar feed's "JAVA DEVELOPER" is its one finding.
    expect(res.body.quality.warnings).toEqual([
      expect.stringMatching(
        /^1 postings have a title written in capitals, shown in title case \("Java Developer"\)/,
      ),
    ]);
  });

  test('an ATS API that names no company asks for the feed company', async () => {
    const recruiter = await addRecruiter(h.db, 'Quality ATS');
    const res = await h.api
      .post('/api/v1/feeds/preview')
      .set(recruiter.auth)
      .send({ url: `${h.fixtures.url}/unknown-company.json` })
      .expect(200);
    expect(res.body.quality.fields.company).toEqual({ present: 0, of: 2 });
    expect(res.body.quality.warnings).toContainEqual(expect.stringMatching(/^No posting names its company/));
  });

  test('every stored run keeps it, and the feed view and admin page show it', async () => {
    const recruiter = await addRecruiter(h.db, 'Quality Runs');
    const feed = await h.db.feeds.create({
      name: 'Sidebar',
      url: `${h.fixtures.url}/sidebar.xml`,
      intervalMinutes: 60,
      recruiterId: new Types.ObjectId(recruiter.id),
    });
    const run = await h.runFeed(String(feed._id));
    expect(run.quality?.fields['company']).toEqual({ present: 6, of: 6 });

    const view = await h.api
      .get(`/api/v1/feeds/${String(feed._id)}`)
      .set(recruiter.auth)
      .expect(200);
    expect(view.body.runs[0].quality.fields.title).toEqual({ present: 6, of: 6 });
    const admin = await h.api
      .get(`/admin/feeds/${String(feed._id)}`)
      .set('authorization', `Bearer ${h.config.adminToken}`)
      .expect(200);
    expect(admin.text).toContain('company 6/6');
  });

  test('the dry run prints a table on stderr and writes the whole report with --quality-report', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jobfeed-quality-')), 'quality.json');
    const { code, stdout, stderr } = await runJobfeed([
      'ingest',
      '--file',
      join(FIXTURE_FEEDS, SIDEBAR),
      '--dry-run',
      '--quality-report',
      file,
    ]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^ {2}company +6 of 6 +100%$/m);
    const report = JSON.parse(await readFile(file, 'utf8'));
    expect(report.counts).toMatchObject({ seen: 6, valid: 6, repeatedIds: 1, duplicates: 0 });
    expect(report.fields.snippet).toEqual({ present: 6, of: 6 });
    // The sidebar's Leidos posting came twice under one id: it is printed once, five distinct postings in all.
    const printed = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { title: string });
    expect(printed).toHaveLength(5);
    expect(printed.filter((posting) => posting.title === 'Jr. Full Stack Developer')).toHaveLength(1);
    expect(stderr).toContain('1 postings repeat an externalId used earlier in the feed');
  }, 60_000);

  test('the same job under two ids is printed twice, the second marked duplicateOf the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobfeed-duplicates-'));
    const job = (id: string) =>
      `<job><referencenumber>${id}</referencenumber><title>Night Porter</title><company>Harbour Hotel</company>` +
      `<url>https://hotel.example/jobs/porter</url><description>Welcome late guests.</description></job>`;
    await writeFile(join(dir, 'feed.xml'), `<source>${job('P-1')}${job('P-2')}</source>`);
    const { code, stdout } = await runJobfeed(['ingest', '--file', join(dir, 'feed.xml'), '--dry-run']);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { externalId: string; duplicateOf?: string });
    expect(lines.map((line) => [line.externalId, line.duplicateOf])).toEqual([
      ['P-1', undefined],
      ['P-2', 'P-1'],
    ]);
  }, 60_000);
});
