import { Command } from 'commander';
import { registerPublishersCommand } from '../../src/cli/publishers.command';
import { connectDatabase, type Database } from '../../src/data/database';
import { testConfig, uniqueName } from '../helpers/test-config';

describe('jobfeed publishers', () => {
  let mongoUrl: string;
  let db: Database;

  beforeAll(async () => {
    const url = new URL(process.env.MONGO_URL!);
    url.pathname = `/${uniqueName('cli_publishers')}`;
    mongoUrl = url.href;
    db = await connectDatabase(mongoUrl);
  });
  afterAll(async () => {
    await db.connection.dropDatabase();
    await db.close();
  });

  /** The commands in this process; resolves to what they printed, or rejects with their error. */
  async function jobfeed(...args: string[]): Promise<string> {
    const program = new Command('jobfeed').exitOverride();
    registerPublishersCommand(program, { loadConfig: () => testConfig({ MONGO_URL: mongoUrl }) });
    let printed = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed += String(chunk);
      return true;
    });
    try {
      await program.parseAsync(['node', 'jobfeed', 'publishers', ...args]);
    } finally {
      write.mockRestore();
    }
    return printed;
  }

  test('add prints { id, apiKey } once with a "jfp_" key, kept as a hash and unknown to recruiters', async () => {
    const printed = JSON.parse(await jobfeed('add', '--name', 'News Example', '--email', 'Web@News.example'));
    expect(Object.keys(printed)).toEqual(['id', 'apiKey']);
    expect(printed.apiKey).toMatch(/^jfp_[\w-]{43}$/);
    const stored = await db.publishers.findByApiKey(printed.apiKey);
    expect(stored).toMatchObject({ name: 'News Example', email: 'web@news.example', status: 'active' });
    expect(JSON.stringify(stored)).not.toContain(printed.apiKey);
    expect(await db.recruiters.findByApiKey(printed.apiKey)).toBeNull();
  });

  test('list shows prefixes, never keys; revoke stops a key; rotate issues a new one', async () => {
    const { id, apiKey } = JSON.parse(
      await jobfeed('add', '--name', 'Daily', '--email', 'web@daily.example'),
    );
    const listed = await jobfeed('list');
    expect(JSON.parse(listed)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id, name: 'Daily', keyPrefix: apiKey.slice(0, 12), status: 'active' }),
      ]),
    );
    expect(listed).not.toContain(apiKey);
    expect(listed).not.toContain('keyHash');

    expect(JSON.parse(await jobfeed('revoke', id))).toMatchObject({ id, status: 'revoked' });
    expect((await db.publishers.findByApiKey(apiKey))?.status).toBe('revoked');

    const { apiKey: newKey } = JSON.parse(await jobfeed('rotate', id));
    expect(newKey).toMatch(/^jfp_/);
    expect(await db.publishers.findByApiKey(apiKey)).toBeNull();
    expect((await db.publishers.findByApiKey(newKey))?.status).toBe('active');
  });

  test('bad input is refused with a clear message', async () => {
    await jobfeed('add', '--name', 'Gazette', '--email', 'web@gazette.example');
    await expect(jobfeed('add', '--name', 'Other', '--email', 'web@gazette.example')).rejects.toThrow(
      'a publisher with email web@gazette.example already exists',
    );
    await expect(jobfeed('add', '--name', 'X', '--email', 'nope')).rejects.toThrow(
      '--email must be an email address (got "nope")',
    );
    await expect(jobfeed('revoke', '0123456789abcdef01234567')).rejects.toThrow(
      'no publisher with id 0123456789abcdef01234567',
    );
    await expect(jobfeed('rotate', 'nope')).rejects.toThrow('no publisher with id nope');
  });
});
