import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { runJobfeed } from '../helpers/cli-process';
import { FIXTURE_FEEDS } from '../helpers/fixture-server';
import { goldenPath, mappingPath, type GoldenResult } from '../helpers/golden';

const jobfeed = (...args: string[]) => runJobfeed(args);
const jobfeedWith = (env: Record<string, string>, ...args: string[]) => runJobfeed(args, env);

describe('jobfeed ingest --dry-run', () => {
  test('prints one normalized posting per line and the counts on stderr', async () => {
    const { code, stdout, stderr } = await jobfeed(
      'ingest',
      '--file',
      join(FIXTURE_FEEDS, 'recent-posts.xml'),
      '--dry-run',
    );

    expect(code).toBe(0);
    const postings = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    // The sidebar's six items hold one posting twice under one id: what would be listed is five.
    expect(postings).toHaveLength(5);
    expect(postings[0]).toMatchObject({
      externalId: 'HS-1001',
      title: 'Salesforce Developer',
      company: 'Han Staffing',
    });
    expect(Object.keys(postings[0]).sort()).toEqual([
      'category',
      'company',
      'employmentType',
      'externalId',
      'location',
      'place',
      'postedAt',
      'remote',
      'salary',
      'seniority',
      'snippet',
      'title',
      'url',
      'validThrough',
      'workplace',
    ]);
    expect(stderr).toContain('indeed-xml (utf-8): 6 seen, 6 valid, 0 rejected, 1 repeated ids');
  }, 30_000);

  test('rejected items are reported on stderr with their reason', async () => {
    const { code, stderr } = await jobfeed(
      'ingest',
      '--file',
      join(FIXTURE_FEEDS, 'indeed-jobs.xml'),
      '--dry-run',
    );

    expect(code).toBe(0);
    expect(stderr).toContain('rejected: url is not an http(s) link: javascript:alert(1)');
  }, 30_000);

  test('a file that is not a feed exits 1 with a clear message', async () => {
    const { code, stdout, stderr } = await jobfeed(
      'ingest',
      '--file',
      join(FIXTURE_FEEDS, 'error-page.html'),
      '--dry-run',
    );

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('jobfeed: Not a job feed: an HTML page ("502 Bad Gateway"), not a feed\n');
  }, 30_000);

  test('a missing file and a missing --dry-run are explained', async () => {
    expect((await jobfeed('ingest', '--file', 'nope.xml', '--dry-run')).stderr).toBe(
      'jobfeed: cannot read nope.xml: no such file\n',
    );
    expect((await jobfeed('ingest', '--file', 'nope.xml')).stderr).toMatch(
      /^jobfeed: ingest only prints \(--dry-run\)/,
    );
  }, 30_000);
});

// One fixture per kind of document: the golden test reads every fixture in-process through the same readFeed.
const ONE_OF_EACH_KIND = [
  'utf-16be-bom.rss',
  'greenhouse.json',
  'iso-8859-1-meta.html',
  'custom-export.xml',
  'vacatures-nl.xml',
  'no-jobposting.html',
];

describe('jobfeed ingest --dry-run detects the format of each kind of document without --format', () => {
  test.each(ONE_OF_EACH_KIND)(
    '%s: the golden postings on stdout, or exit 1 with its reason',
    async (fixture) => {
      const mapping = mappingPath(fixture);
      const golden = JSON.parse(readFileSync(goldenPath(fixture), 'utf8')) as GoldenResult;
      const { code, stdout, stderr } = await jobfeed(
        'ingest',
        '--file',
        join(FIXTURE_FEEDS, fixture),
        '--dry-run',
        ...(mapping ? ['--mapping', mapping] : []),
      );
      if ('error' in golden) {
        expect({ code, stdout, stderr }).toEqual({
          code: 1,
          stdout: '',
          stderr: `jobfeed: ${golden.error}\n`,
        });
        return;
      }
      expect(code).toBe(0);
      // Relative links resolve against the file's URL here: these fixtures have none, so every posting matches.
      const printed = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const expected = golden.postings.map((posting) => {
        const { fingerprint: _f, contentHash: _c, ...fields } = posting as Record<string, unknown>;
        return fields;
      });
      expect(printed).toEqual(expected);
      expect(stderr).toContain(
        `${golden.format} (${golden.charset}): ${expected.length + golden.rejected.length} seen`,
      );
    },
    60_000,
  );

  test('a bad --mapping file is named with the field at fault', async () => {
    const { code, stderr } = await jobfeed(
      'ingest',
      '--file',
      join(FIXTURE_FEEDS, 'custom-board.html'),
      '--dry-run',
      '--mapping',
      join(FIXTURE_FEEDS, 'greenhouse.json'),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^jobfeed: the mapping .*greenhouse\.json is invalid: .*mapping\.items/);
  }, 30_000);
});

describe('jobfeed commands that need the services', () => {
  test('an unreachable Redis stops the command with a message naming REDIS_URL', async () => {
    const { code, stderr } = await jobfeedWith(
      { REDIS_URL: 'redis://127.0.0.1:1' },
      'feeds',
      'run',
      '0123456789abcdef01234567',
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      'jobfeed: Redis is not reachable at REDIS_URL (connect ECONNREFUSED 127.0.0.1:1): ' +
        'check the URL and that Redis is running\n',
    );
  }, 30_000);
});

describe('jobfeed --version', () => {
  test("prints package.json's version, even with a configuration that would not load", async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(await jobfeedWith({ PORT: 'not-a-port' }, '--version')).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: '',
      killed: false,
    });
  }, 30_000);
});
