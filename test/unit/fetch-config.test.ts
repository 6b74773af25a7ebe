import { ConfigError, loadConfig } from '../../config';

describe('fetch and feed-health configuration', () => {
  test('defaults: guard on, 5-minute deadline, 2 fetches per host, failing after 3, 60 days', () => {
    expect(loadConfig({})).toMatchObject({
      fetch: { allowPrivate: false, trustedOrigins: [], deadlineMs: 300_000, hostConcurrency: 2 },
      feeds: { failingAfter: 3, maxPostingAgeDays: 60, expiryMinShare: 0.5 },
      worker: { lockDurationMs: 30_000, stalledIntervalMs: 30_000 },
    });
  });

  test('FETCH_TRUSTED_ORIGINS is a comma-separated list of http(s) origins', () => {
    const config = loadConfig({ FETCH_TRUSTED_ORIGINS: 'http://10.0.0.5:8080, https://proxy.internal' });
    expect(config.fetch.trustedOrigins).toEqual(['http://10.0.0.5:8080', 'https://proxy.internal']);
    expect(() => loadConfig({ FETCH_TRUSTED_ORIGINS: 'file:///etc, http://ok' })).toThrow(
      'FETCH_TRUSTED_ORIGINS: must be a comma-separated list of http(s) origins',
    );
  });

  test('out-of-range values name the variable', () => {
    expect(() => loadConfig({ FETCH_HOST_CONCURRENCY: '0', FEED_FAILING_AFTER: 'x' })).toThrow(ConfigError);
    expect(() => loadConfig({ FETCH_HOST_CONCURRENCY: '0' })).toThrow(/FETCH_HOST_CONCURRENCY/);
    expect(() => loadConfig({ MAX_POSTING_AGE_DAYS: '0' })).toThrow(/MAX_POSTING_AGE_DAYS/);
  });
});
