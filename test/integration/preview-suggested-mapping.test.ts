import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { startHarness, type Harness } from '../helpers/harness';
import { addRecruiter } from '../helpers/recruiters';

const RESULTS = JSON.stringify({
  results: [
    { name: 'Night porter', link: 'https://hotel.example/careers/17', summary: 'Front desk.' },
    { name: 'Breakfast cook', link: 'https://hotel.example/careers/18', summary: 'Early shifts.' },
  ],
});

describe('POST /api/v1/feeds/preview of a document in no known format', () => {
  let h: Harness;
  let alice: Awaited<ReturnType<typeof addRecruiter>>;

  beforeAll(async () => {
    h = await startHarness();
    alice = await addRecruiter(h.db, 'Alice Hotels');
    h.fixtures.handle('/results.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(RESULTS);
    });
  });
  afterAll(async () => {
    await h.close();
  });

  test('the 422 carries a suggested mapping, as documented, and the preview reads the feed with it', async () => {
    const url = `${h.fixtures.url}/results.json`;
    const refused = await h.api.post('/api/v1/feeds/preview').set(alice.auth).send({ url }).expect(422);
    expect(refused.body.error).toEqual({
      code: 'not_a_job_feed',
      message: expect.stringMatching(/^Not a job feed: .*`jobfeed mapping suggest/),
      suggestedMapping: {
        items: 'results',
        fields: { title: 'name', url: 'link', description: 'summary' },
        unplaced: [],
      },
    });

    const openapi = (await h.api.get('/api/openapi.json').expect(200)).body as {
      paths: Record<
        string,
        { post: { responses: Record<string, { content: Record<string, { schema: object }> }> } }
      >;
      components: object;
    };
    const schema =
      openapi.paths['/api/v1/feeds/preview']!.post.responses['422']!.content['application/json']!.schema;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile({ ...schema, components: openapi.components });
    expect(validate(refused.body) ? [] : validate.errors).toEqual([]);
    expect(JSON.stringify(openapi.components)).toContain('suggestedMapping');

    const mapped = await h.api
      .post('/api/v1/feeds/preview')
      .set(alice.auth)
      .send({ url, mapping: refused.body.error.suggestedMapping })
      .expect(200);
    expect(mapped.body.postings.map((p: { title: string }) => p.title)).toEqual([
      'Night porter',
      'Breakfast cook',
    ]);
  });

  test('a document with nothing to draft from has no suggested mapping', async () => {
    h.fixtures.handle('/status.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","uptime":1234}');
    });
    const refused = await h.api
      .post('/api/v1/feeds/preview')
      .set(alice.auth)
      .send({ url: `${h.fixtures.url}/status.json` })
      .expect(422);
    expect(refused.body.error.code).toBe('not_a_job_feed');
    expect(refused.body.error).not.toHaveProperty('suggestedMapping');
  });
});
