import { Types } from 'mongoose';
import { startHarness, type Harness } from '../helpers/harness';
import { addRecruiter } from '../helpers/recruiters';

/** A Personio feed served from a mirror rather than {account}.jobs.personio.de: its job pages need the account. */
describe('a Personio feed served from another host', () => {
  let h: Harness;
  let recruiter: Awaited<ReturnType<typeof addRecruiter>>;

  beforeAll(async () => {
    h = await startHarness();
    recruiter = await addRecruiter(h.db, 'Nordlicht People');
    h.fixtures.serveFile('/personio-mirror.xml', 'personio.xml');
  });
  afterAll(async () => {
    await h.close();
  });

  const url = () => `${h.fixtures.url}/personio-mirror.xml`;

  test('without the account the preview says which setting to give, and builds no link', async () => {
    const res = await h.api
      .post('/api/v1/feeds/preview')
      .set(recruiter.auth)
      .send({ url: url() })
      .expect(200);
    expect(res.body.detectedFormat).toBe('personio');
    expect(res.body.counts.valid).toBe(0);
    expect(res.body.warnings.join(' ')).toMatch(/Personio account/i);
  });

  test("with the feed's personioAccount the preview and the stored feed link to the account's job pages", async () => {
    const preview = await h.api
      .post('/api/v1/feeds/preview')
      .set(recruiter.auth)
      .send({ url: url(), personioAccount: 'nordlicht-robotik' })
      .expect(200);
    expect(preview.body.postings[0].url).toBe('https://nordlicht-robotik.jobs.personio.de/job/1843210');

    const feed = await h.db.feeds.create({
      name: 'Mirror',
      url: url(),
      intervalMinutes: 60,
      personioAccount: 'nordlicht-robotik',
      recruiterId: new Types.ObjectId(recruiter.id),
    });
    expect(await h.runFeed(String(feed._id))).toMatchObject({ status: 'succeeded' });
    const stored = await h.db.postings.listForFeed(feed._id);
    expect(stored.map((posting) => posting.url)).toContain(
      'https://nordlicht-robotik.jobs.personio.de/job/1850077',
    );
  });

  test('an account that is no account name is a 400 naming the field', async () => {
    const res = await h.api
      .post('/api/v1/feeds')
      .set(recruiter.auth)
      .send({ url: url(), name: 'Bad', personioAccount: 'evil.example/x' })
      .expect(400);
    expect(res.body.error.fields).toEqual([
      { field: 'personioAccount', message: 'must be a Personio account name (letters, digits, hyphens)' },
    ]);
  });
});
