import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJobfeed } from '../helpers/cli-process';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';

/** Records whose only title is a "name": too weak to read without a mapping, plain enough to draft one. */
const RESULTS = JSON.stringify({
  results: [
    {
      name: 'Night porter',
      link: 'https://hotel.example/careers/17',
      summary: 'Front desk, 22:00 to 06:00.',
    },
    { name: 'Breakfast cook', link: 'https://hotel.example/careers/18', summary: 'Early shifts.' },
  ],
});

const LOCAL = { FETCH_ALLOW_PRIVATE: 'true' };

describe('jobfeed mapping suggest', () => {
  let partner: FixtureServer;
  let dir: string;

  beforeAll(async () => {
    partner = await startFixtureServer();
    partner.handle('/results.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(RESULTS);
    });
    dir = await mkdtemp(join(tmpdir(), 'jobfeed-suggest-'));
  });
  afterAll(async () => {
    await partner.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('drafts a mapping for a document ingest refuses, and ingest reads the document with the draft unchanged', async () => {
    const url = `${partner.url}/results.json`;
    const refused = await runJobfeed(['ingest', '--url', url, '--dry-run'], LOCAL);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^jobfeed: Not a job feed: .*`jobfeed mapping suggest --file PATH \| --url URL` drafts one\n$/,
    );

    const suggested = await runJobfeed(['mapping', 'suggest', '--url', url], LOCAL);
    expect(suggested).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(suggested.stdout)).toEqual({
      items: 'results',
      fields: { title: 'name', url: 'link', description: 'summary' },
      unplaced: [],
    });

    const mappingFile = join(dir, 'results.mapping.json');
    await writeFile(mappingFile, suggested.stdout);
    const ingested = await runJobfeed(['ingest', '--url', url, '--dry-run', '--mapping', mappingFile], LOCAL);
    expect(ingested.code).toBe(0);
    const postings = ingested.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { title: string; url: string });
    expect(postings.map((p) => [p.title, p.url])).toEqual([
      ['Night porter', 'https://hotel.example/careers/17'],
      ['Breakfast cook', 'https://hotel.example/careers/18'],
    ]);
    expect(partner.requests('/results.json')).toBe(3);
  }, 60_000);

  test('fetches --url through the same address guard as ingest', async () => {
    const { code, stdout, stderr } = await runJobfeed(
      ['mapping', 'suggest', '--url', `${partner.url}/results.json`],
      { FETCH_ALLOW_PRIVATE: 'false' },
    );
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toMatch(/^jobfeed: .*(private|refused|not allowed)/i);
  }, 30_000);

  test('leaves a required field it cannot place as "TODO", says so on stderr, and lists what it did not place', async () => {
    const file = join(dir, 'livres.xml');
    await writeFile(
      file,
      '<catalogue><livre><titre>Germinal</titre><prix>9</prix></livre><livre><titre>Nana</titre><prix>8</prix></livre></catalogue>',
    );
    const { code, stdout, stderr } = await runJobfeed(['mapping', 'suggest', '--file', file]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      items: 'catalogue.livre',
      fields: { title: 'titre', url: 'TODO' },
      unplaced: ['prix'],
    });
    expect(stderr).toBe(
      'note: url: nothing in the <livre> records looks like a link; replace "TODO" with its path (one of "unplaced")\n',
    );
  }, 30_000);

  test('says when jobfeed needs no mapping for the document', async () => {
    const file = join(dir, 'feed.rss');
    await writeFile(
      file,
      '<rss><channel><item><title>T</title><link>https://x.example/1</link></item><item><title>U</title><link>https://x.example/2</link></item></channel></rss>',
    );
    const { code, stderr } = await runJobfeed(['mapping', 'suggest', '--file', file]);
    expect({ code, stderr }).toEqual({
      code: 0,
      stderr: 'note: jobfeed reads this document without a mapping, as rss\n',
    });
  }, 30_000);
});
