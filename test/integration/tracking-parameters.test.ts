import { Types } from 'mongoose';
import { startHarness, type Harness } from '../helpers/harness';
import { preparedPosting, seedPostings } from '../helpers/postings';
import { addPublisher } from '../helpers/publishers';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
const TRACKING =
  'utm_source=newsletter&utm_medium=email&utm_campaign=winter&utm_content=a%26b&fbclid=IwAR0x&gclid=Cj0K' +
  '&msclkid=9f1&mc_cid=4b2&mc_eid=77c&utm_source=twice';

describe('tracking parameters on the public lists are ignored, other unknown parameters refused', () => {
  let h: Harness;
  const feedId = new Types.ObjectId();
  let placementJobs: string;

  beforeAll(async () => {
    h = await startHarness({ workers: false });
    await seedPostings(h.db, feedId, [
      preparedPosting('first', { title: 'Night Editor', postedAt: hoursAgo(2) }),
      preparedPosting('second', { title: 'Data Reporter', postedAt: hoursAgo(4) }),
    ]);
    const publisher = await addPublisher(h.db);
    const created = await h.api
      .post('/api/v1/placements')
      .set(publisher.auth)
      .send({ name: 'Sidebar', allowedOrigins: ['https://news.example'] })
      .expect(201);
    placementJobs = created.body.placement.jobsUrl;
  });
  afterAll(async () => {
    await h.close();
  });

  const lists = () => [
    '/api/v1/jobs/recent?limit=5',
    '/embed/recent?limit=5',
    '/feeds/recent.rss?limit=5',
    '/feeds/recent.json?limit=5',
    `${placementJobs}?limit=5`,
  ];

  test('a tagged URL of each list answers what the untagged one does', async () => {
    for (const url of lists()) {
      const plain = await h.api.get(url).expect(200);
      const tagged = await h.api.get(`${url}&${TRACKING}`).expect(200);
      expect({ url, body: tagged.text }).toEqual({ url, body: plain.text });
      expect(plain.text).toContain('Night Editor');
    }
  });

  test('a tagged URL is served from the cache entry of the untagged one', async () => {
    const urls = lists().map((url) => url.replace('limit=5', 'limit=4'));
    for (const url of urls) await h.api.get(url).expect(200);
    // Written without an ingest, so the cache does not know: a tagged URL rendered afresh would show it.
    await seedPostings(h.db, feedId, [
      preparedPosting('quiet', { title: 'Quiet Insert', postedAt: hoursAgo(1) }),
    ]);
    for (const url of urls) {
      const tagged = await h.api.get(`${url}&${TRACKING}`).expect(200);
      expect({ url, cached: !tagged.text.includes('Quiet Insert') }).toEqual({ url, cached: true });
    }
  });

  test.each([['limt=5'], ['utm=x'], ['utmsource=x'], ['fbclid2=x'], ['gclid[$ne]=x'], ['company[$ne]=x']])(
    'a misspelt or unknown parameter, ?%s, is still a 400 naming it, on every list',
    async (parameter) => {
      const field = decodeURIComponent(parameter.split('=')[0]!);
      for (const url of lists()) {
        const res = await h.api.get(`${url}&utm_source=newsletter&${parameter}`).expect(400);
        expect({ url, fields: res.body.error.fields }).toEqual({
          url,
          fields: [expect.objectContaining({ field })],
        });
      }
    },
  );
});
