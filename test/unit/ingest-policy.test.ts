import { Backoffs, UnrecoverableError, type MinimalJob } from 'bullmq';
import { FetchError, NotAJobFeedError } from '../../src/errors';
import {
  HOST_BUSY_DELAY_MS,
  INGEST_BACKOFF_TYPE,
  INGEST_JITTER,
  asJobFailure,
  failedForGood,
  hostBusyRetryAt,
  ingestBackoff,
  ingestJobOptions,
  isLastAttempt,
} from '../../workers/ingest.policy';

const options = ingestJobOptions({ attempts: 4, backoffMs: 1000 });
const job = { opts: options } as unknown as MinimalJob;
/** The retries of a 4-attempt job are numbered 1..3 by BullMQ; the fourth value shows the doubling goes on. */
const CEILINGS = [1000, 2000, 4000, 8000];

describe('ingestJobOptions', () => {
  test('INGEST_ATTEMPTS tries, INGEST_BACKOFF_MS first delay with jitter, finished jobs bounded', () => {
    expect(options).toEqual({
      attempts: 4,
      backoff: { type: INGEST_BACKOFF_TYPE, delay: 1000, jitter: INGEST_JITTER },
      removeOnComplete: { age: 86_400, count: 10_000 },
      removeOnFail: { age: 7 * 86_400, count: 10_000 },
    });
  });

  test('its backoff type is not a BullMQ built-in one, or BullMQ would never ask the strategy for Retry-After', () => {
    expect(Object.keys(Backoffs.builtinStrategies)).not.toContain(INGEST_BACKOFF_TYPE);
  });
});

describe('ingestBackoff', () => {
  afterEach(() => jest.restoreAllMocks());

  test('doubles per retry; the jitter takes at most half of each delay', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    expect(CEILINGS.map((_, n) => ingestBackoff(n + 1, INGEST_BACKOFF_TYPE, new Error('x'), job))).toEqual(
      CEILINGS.map((ceiling) => ceiling * (1 - INGEST_JITTER)),
    );
    jest.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect(CEILINGS.map((_, n) => ingestBackoff(n + 1, INGEST_BACKOFF_TYPE, new Error('x'), job))).toEqual(
      CEILINGS.map((ceiling) => ceiling - 1),
    );
  });

  test('with real randomness every delay stays within its jitter bounds, and they are not all alike', () => {
    const drawn = new Set<number>();
    for (let i = 0; i < 100; i++) {
      CEILINGS.forEach((ceiling, n) => {
        const delay = ingestBackoff(n + 1, INGEST_BACKOFF_TYPE, new Error('x'), job);
        expect(delay).toBeGreaterThanOrEqual(ceiling * (1 - INGEST_JITTER));
        expect(delay).toBeLessThan(ceiling);
        if (n === 0) drawn.add(delay);
      });
    }
    expect(drawn.size).toBeGreaterThan(10);
  });

  test('a 429 or 503 Retry-After wins when it is longer than the exponential delay', () => {
    const busy = new FetchError('429', false, '4xx', 90_000);
    expect(ingestBackoff(1, INGEST_BACKOFF_TYPE, busy, job)).toBe(90_000);
    expect(ingestBackoff(3, INGEST_BACKOFF_TYPE, busy, job)).toBe(90_000);
  });

  test('a Retry-After shorter than the exponential delay does not shorten it', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    const brief = new FetchError('503', false, '5xx', 10);
    expect(ingestBackoff(1, INGEST_BACKOFF_TYPE, brief, job)).toBe(500);
    expect(ingestBackoff(3, INGEST_BACKOFF_TYPE, brief, job)).toBe(2000);
  });

  test('a Retry-After beyond a day is capped at a day', () => {
    const far = new FetchError('429', false, '4xx', 30 * 86_400_000);
    expect(ingestBackoff(1, INGEST_BACKOFF_TYPE, far, job)).toBe(86_400_000);
  });
});

describe('the last-attempt rule', () => {
  const running = (attemptsMade: number) => ({ attemptsMade, opts: { attempts: 3 } });

  test('while a try runs, only the third of three is the last', () => {
    expect([0, 1, 2].map((made) => isLastAttempt(running(made)))).toEqual([false, false, true]);
    expect(isLastAttempt({ attemptsMade: 0, opts: {} })).toBe(true);
  });

  test("in the 'failed' event, where BullMQ has already counted the try, the same tries are final", () => {
    const error = new Error('partner down');
    expect([1, 2, 3].map((made) => failedForGood(running(made), error))).toEqual([false, false, true]);
  });

  test('a permanent failure is final on any try, and so is a failure without its job', () => {
    expect(failedForGood(running(1), new UnrecoverableError('gone'))).toBe(true);
    expect(failedForGood(undefined, new Error('lost'))).toBe(true);
  });
});

describe('permanent failures and busy hosts', () => {
  test('a permanent failure becomes an UnrecoverableError with its message; a transient one is kept', () => {
    const gone = asJobFailure(new FetchError('404 Not Found', true, '4xx'));
    expect(gone).toBeInstanceOf(UnrecoverableError);
    expect((gone as Error).message).toBe('404 Not Found');
    expect(asJobFailure(new NotAJobFeedError('an HTML page'))).toBeInstanceOf(UnrecoverableError);
    const down = new FetchError('503 Service Unavailable', false, '5xx');
    expect(asJobFailure(down)).toBe(down);
  });

  test('a deferred job comes back after one to two HOST_BUSY_DELAY_MS', () => {
    expect(hostBusyRetryAt(10_000, () => 0)).toBe(10_000 + HOST_BUSY_DELAY_MS);
    expect(hostBusyRetryAt(10_000, () => 0.5)).toBe(10_000 + 1.5 * HOST_BUSY_DELAY_MS);
  });
});
