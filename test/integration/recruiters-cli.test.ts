import { Command } from 'commander';
import { registerRecruitersCommand } from '../../src/cli/recruiters.command';
import { connectDatabase, type Database } from '../../src/data/database';
import { runJobfeed } from '../helpers/cli-process';
import { testConfig, uniqueName } from '../helpers/test-config';

describe('jobfeed recruiters', () => {
  let mongoUrl: string;
  let db: Database;

  beforeAll(async () => {
    const url = new URL(process.env.MONGO_URL!);
    url.pathname = `/${uniqueName('cli_recruiters')}`;
    mongoUrl = url.href;
    db = await connectDatabase(mongoUrl);
  });
  afterAll(async () => {
    await db.connection.dropDatabase();
    await db.close();
  });

  /** The real `jobfeed` process (slow to start under tsx: used once). */
  const jobfeedProcess = (...args: string[]) => runJobfeed(['recruiters', ...args], { MONGO_URL: mongoUrl });

  /** The same commands in this process; resolves to what they printed, or rejects with their error. */
  async function jobfeed(...args: string[]): Promise<string> {
    const program = new Command('jobfeed').exitOverride();
    registerRecruitersCommand(program, { loadConfig: () => testConfig({ MONGO_URL: mongoUrl }) });
    let printed = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed += String(chunk);
      return true;
    });
    try {
      await program.parseAsync(['node', 'jobfeed', 'recruiters', ...args]);
    } finally {
      write.mockRestore();
    }
    return printed;
  }

  test('`jobfeed recruiters add` prints { id, apiKey } once and keeps only a hash', async () => {
    const added = await jobfeedProcess('add', '--name', 'Han Staffing', '--email', 'Jobs@Han.example.com');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const printed = JSON.parse(added.stdout);
    expect(Object.keys(printed)).toEqual(['id', 'apiKey']);
    expect(printed.apiKey).toMatch(/^jf_[\w-]{43}$/);
    const stored = await db.recruiters.findByApiKey(printed.apiKey);
    expect(stored).toMatchObject({ name: 'Han Staffing', email: 'jobs@han.example.com', status: 'active' });
    expect(JSON.stringify(stored)).not.toContain(printed.apiKey);
  }, 60_000);

  test('list shows prefixes, never keys; revoke stops a key; rotate issues a new one', async () => {
    const { id, apiKey } = JSON.parse(
      await jobfeed('add', '--name', 'Leidos Talent', '--email', 'talent@leidos.example.com'),
    );

    const listed = await jobfeed('list');
    expect(JSON.parse(listed)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id,
          name: 'Leidos Talent',
          keyPrefix: apiKey.slice(0, 11),
          status: 'active',
        }),
      ]),
    );
    expect(listed).not.toContain(apiKey);
    expect(listed).not.toContain('keyHash');

    expect(JSON.parse(await jobfeed('revoke', id))).toMatchObject({ id, status: 'revoked' });
    expect((await db.recruiters.findByApiKey(apiKey))?.status).toBe('revoked');

    const { apiKey: newKey } = JSON.parse(await jobfeed('rotate', id));
    expect(newKey).not.toBe(apiKey);
    expect(await db.recruiters.findByApiKey(apiKey)).toBeNull();
    expect((await db.recruiters.findByApiKey(newKey))?.status).toBe('active');
  });

  test('bad input is refused with a clear message', async () => {
    await jobfeed('add', '--name', 'Oracle Jobs', '--email', 'jobs@oracle.example.com');
    await expect(jobfeed('add', '--name', 'Other', '--email', 'jobs@oracle.example.com')).rejects.toThrow(
      'a recruiter with email jobs@oracle.example.com already exists',
    );
    await expect(jobfeed('add', '--name', 'X', '--email', 'not-an-email')).rejects.toThrow(
      '--email must be an email address (got "not-an-email")',
    );
    await expect(jobfeed('revoke', '0123456789abcdef01234567')).rejects.toThrow(
      'no recruiter with id 0123456789abcdef01234567',
    );
    await expect(jobfeed('rotate', 'nope')).rejects.toThrow('no recruiter with id nope');
  });
});
