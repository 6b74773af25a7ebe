import type { MinimalJob } from 'bullmq';
import { FetchError } from '../../src/errors';
import { ingestBackoff } from '../../src/queue/ingest-backoff';

const job = {
  opts: { backoff: { type: 'exponential-or-retry-after', delay: 1000 } },
} as unknown as MinimalJob;

describe('ingestBackoff', () => {
  test('doubles per attempt with up to 50% jitter below the ceiling', () => {
    for (let i = 0; i < 50; i++) {
      const delays = [1, 2, 3, 4].map((attempt) => ingestBackoff(attempt, undefined, new Error('x'), job));
      [1000, 2000, 4000, 8000].forEach((ceiling, n) => {
        expect(delays[n]).toBeLessThanOrEqual(ceiling);
        expect(delays[n]).toBeGreaterThanOrEqual(ceiling / 2);
      });
    }
  });

  test('never retries sooner than the Retry-After of a 429 or 503', () => {
    const busy = new FetchError('429', false, '4xx', 90_000);
    expect(ingestBackoff(1, undefined, busy, job)).toBe(90_000);
    const brief = new FetchError('503', false, '5xx', 10);
    expect(ingestBackoff(1, undefined, brief, job)).toBeGreaterThanOrEqual(500);
  });

  test('a Retry-After beyond a day is capped at a day', () => {
    const far = new FetchError('429', false, '4xx', 30 * 86_400_000);
    expect(ingestBackoff(1, undefined, far, job)).toBe(86_400_000);
  });
});
