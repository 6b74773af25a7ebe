import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURE_FEEDS } from '../helpers/fixture-server';

const ROOT = join(__dirname, '..', '..');

function jobfeed(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

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
    expect(postings).toHaveLength(6);
    expect(postings[0]).toMatchObject({
      externalId: 'HS-1001',
      title: 'Salesforce Developer',
      company: 'Han Staffing',
    });
    expect(Object.keys(postings[0]).sort()).toEqual([
      'company',
      'employmentType',
      'externalId',
      'location',
      'postedAt',
      'remote',
      'salary',
      'snippet',
      'title',
      'url',
      'validThrough',
    ]);
    expect(stderr).toContain('indeed-xml (utf-8): 6 seen, 6 valid, 0 rejected');
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
    expect(stderr).toBe(
      'jobfeed: Not a job feed: an HTML page ("502 Bad Gateway") with no schema.org JobPosting\n',
    );
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
