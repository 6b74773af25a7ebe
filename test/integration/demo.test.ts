import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('jobfeed demo', () => {
  let child: ChildProcessWithoutNullStreams;
  let stdout = '';

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  test('prints the sample article URL first; the article embeds the widget, which the API serves with jobs', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'demo'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' },
    });
    child.stderr.resume();
    const demoUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /Open (http:\/\/127\.0\.0\.1:\d+\/demo) /.exec(stdout);
        if (found) resolve(found[1]!);
      });
      child.once('exit', (code) => reject(new Error(`demo exited with ${code}: ${stdout}`)));
    });
    expect(stdout.trim().split('\n')[0]).toBe(
      `Open ${demoUrl} to see the Recent Posts widget on a sample article.`,
    );

    const page = await fetch(demoUrl);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<script async src="/widget.js"></script>');
    expect(html).toMatch(/<div data-jobfeed data-limit="6"[^>]*><\/div>/);

    const base = demoUrl.replace(/\/demo$/, '');
    const widget = await fetch(`${base}/widget.js`);
    expect(widget.status).toBe(200);
    expect(await widget.text()).toContain('attachShadow');

    let jobs: unknown[] = [];
    for (let attempt = 0; attempt < 100 && jobs.length < 6; attempt++) {
      jobs = ((await (await fetch(`${base}/api/v1/jobs/recent`)).json()) as { jobs: unknown[] }).jobs;
      if (jobs.length < 6) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(jobs).toHaveLength(6);
  }, 60_000);
});
