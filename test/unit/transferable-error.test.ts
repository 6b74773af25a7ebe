import { AppError, FetchError, NotAJobFeedError, ValidationError } from '../../src/errors';
import { fromTransferableError, toTransferableError } from '../../src/ingest/preview/transferable-error';

/** What a worker thread's postMessage does to the value on its way. */
const acrossThreads = (error: unknown) => fromTransferableError(structuredClone(toTransferableError(error)));

describe('errors crossing from the preview worker', () => {
  test('a FetchError arrives as a FetchError with its outcome, permanence and retry delay', () => {
    const arrived = acrossThreads(new FetchError('http://x.example/feed: HTTP 503', false, '5xx', 30_000));
    expect(arrived).toBeInstanceOf(FetchError);
    expect(arrived).toMatchObject({
      code: 'fetch_failed',
      status: 502,
      message: 'http://x.example/feed: HTTP 503',
      permanent: false,
      outcome: '5xx',
      retryAfterMs: 30_000,
    });
  });

  test('a NotAJobFeedError keeps its message as it was, not prefixed twice', () => {
    const arrived = acrossThreads(new NotAJobFeedError('an HTML page'));
    expect(arrived).toBeInstanceOf(NotAJobFeedError);
    expect(arrived).toMatchObject({
      code: 'not_a_job_feed',
      status: 422,
      message: 'Not a job feed: an HTML page',
    });
  });

  test('a ValidationError keeps its fields', () => {
    const fields = [{ field: 'mapping.items', message: 'is not an element of the feed' }];
    const arrived = acrossThreads(new ValidationError(fields));
    expect(arrived).toBeInstanceOf(ValidationError);
    expect(arrived).toMatchObject({ code: 'validation_failed', status: 400, fields });
    expect(arrived.message).toBe('Invalid request: mapping.items is not an element of the feed');
  });

  test('any other AppError keeps its code, status and whether it is operational', () => {
    const arrived = acrossThreads(
      new AppError('bug_found', 'an invariant broke', { status: 500, operational: false }),
    );
    expect(arrived).toBeInstanceOf(AppError);
    expect(arrived).toMatchObject({
      code: 'bug_found',
      status: 500,
      operational: false,
      message: 'an invariant broke',
    });
  });

  test('an unexpected error stays unexpected (a 500), with its name, message and stack', () => {
    const thrown = new RangeError('Maximum call stack size exceeded');
    const arrived = acrossThreads(thrown);
    expect(arrived).not.toBeInstanceOf(AppError);
    expect(arrived).toMatchObject({ name: 'RangeError', message: 'Maximum call stack size exceeded' });
    expect(arrived.stack).toBe(thrown.stack);
    expect(acrossThreads('a string')).toMatchObject({ name: 'Error', message: 'a string' });
  });
});
