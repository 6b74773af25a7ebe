import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { startHarness, type Harness } from '../helpers/harness';
import { addRecruiter } from '../helpers/recruiters';

const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
const ATTEMPTS = 300;

/** A key of the shape jobfeed issues, so each one costs a database lookup, that no recruiter holds. */
const unknownApiKey = () => `jf_${randomBytes(32).toString('base64url')}`;

describe('failed authentication is limited per client address, in Redis', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ workers: false, env: { ADMIN_TOKEN } });
  });
  afterAll(async () => {
    await h.close();
  });

  /** The loopback proxy in front of the test client is trusted, so X-Forwarded-For names the client address. */
  const from = (address: string) => ({ 'x-forwarded-for': address });

  async function statusesOf(send: () => Promise<Response>): Promise<{ statuses: number[]; last: Response }> {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < ATTEMPTS; i++) {
      last = await send();
      statuses.push(last.status);
    }
    return { statuses, last: last! };
  }

  function expectLimitedAfterMax(statuses: number[], last: Response): void {
    const max = h.config.authFailures.max;
    expect(max).toBeLessThan(ATTEMPTS);
    expect(statuses.slice(0, max)).toEqual(Array(max).fill(401));
    expect(statuses.slice(max)).toEqual(Array(ATTEMPTS - max).fill(429));
    expect(last.body.error).toMatchObject({ code: 'rate_limited' });
    const retryAfter = Number(last.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(h.config.authFailures.windowMs / 1000);
  }

  test(`${ATTEMPTS} invalid recruiter keys in a row: 401 up to AUTH_FAILURE_MAX, then 429 for that address only`, async () => {
    const recruiter = await addRecruiter(h.db);
    const attacker = from('203.0.113.10');
    const { statuses, last } = await statusesOf(() =>
      h.api.get('/api/v1/feeds').set(attacker).set('authorization', `Bearer ${unknownApiKey()}`),
    );
    expectLimitedAfterMax(statuses, last);

    // Limited before the key is looked up: a valid key from the limited address is refused as well.
    const valid = await h.api.get('/api/v1/feeds').set(attacker).set(recruiter.auth).expect(429);
    expect(Number(valid.headers['retry-after'])).toBeGreaterThan(0);
    await h.api.post('/api/v1/feeds/preview').set(attacker).set(recruiter.auth).send({}).expect(429);

    const neighbour = from('203.0.113.11');
    await h.api.get('/api/v1/feeds').set(neighbour).set(recruiter.auth).expect(200);
    await h.api
      .get('/api/v1/feeds')
      .set(neighbour)
      .set('authorization', `Bearer ${unknownApiKey()}`)
      .expect(401);
  });

  test(`${ATTEMPTS} wrong admin tokens in a row: 401 up to AUTH_FAILURE_MAX, then 429 for that address only`, async () => {
    const attacker = from('198.51.100.20');
    const { statuses, last } = await statusesOf(() =>
      h.api
        .get('/admin')
        .set(attacker)
        .set('authorization', `Bearer wrong-${randomBytes(8).toString('hex')}`),
    );
    expectLimitedAfterMax(statuses, last);

    const right = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const valid = await h.api.get('/admin').set(attacker).set(right).expect(429);
    expect(Number(valid.headers['retry-after'])).toBeGreaterThan(0);
    await h.api.get('/admin').set(from('198.51.100.21')).set(right).expect(200);
  });

  test('successful authentication is not counted', async () => {
    const recruiter = await addRecruiter(h.db);
    const client = from('192.0.2.30');
    for (let i = 0; i < h.config.authFailures.max + 5; i++) {
      await h.api.get('/api/v1/feeds').set(client).set(recruiter.auth).expect(200);
    }
    await h.api
      .get('/api/v1/feeds')
      .set(client)
      .set('authorization', `Bearer ${unknownApiKey()}`)
      .expect(401);
  });
});
