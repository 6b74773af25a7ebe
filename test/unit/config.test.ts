import { ConfigError, loadConfig } from '../../config';

describe('loadConfig', () => {
  test('defaults stand for every variable left out', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      http: { port: 3000 },
      snippetLength: 160,
      fetch: { allowPrivate: false },
      preview: { timeoutMs: 10_000, memoryMb: 256, concurrency: 2 },
    });
  });

  test('bad values stop with a message naming each variable and what it allows', () => {
    expect(() =>
      loadConfig({ SNIPPET_LENGTH: '5', FETCH_ALLOW_PRIVATE: 'yes', MONGO_URL: 'http://db' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ SNIPPET_LENGTH: '5', FETCH_ALLOW_PRIVATE: 'yes', MONGO_URL: 'http://db' });
    } catch (error) {
      const { problems } = error as ConfigError;
      expect(problems).toEqual([
        'MONGO_URL: must be a mongodb: or mongodb+srv:// URL (got "http://db")',
        'FETCH_ALLOW_PRIVATE: must be true or false (got "yes")',
        expect.stringMatching(/^SNIPPET_LENGTH: .*40.* \(got "5"\)$/),
      ]);
    }
  });

  test('EXPIRY_MIN_SHARE is a share from 0 to 1, half by default', () => {
    expect(loadConfig({}).feeds.expiryMinShare).toBe(0.5);
    expect(loadConfig({ EXPIRY_MIN_SHARE: '0' }).feeds.expiryMinShare).toBe(0);
    expect(() => loadConfig({ EXPIRY_MIN_SHARE: '1.5' })).toThrow(/EXPIRY_MIN_SHARE: .* \(got "1.5"\)/);
    expect(() => loadConfig({ EXPIRY_MIN_SHARE: 'half' })).toThrow(/EXPIRY_MIN_SHARE/);
  });

  test('MONGO_READ_PREFERENCE is a driver read preference mode, primary by default', () => {
    expect(loadConfig({}).mongoReadPreference).toBe('primary');
    expect(loadConfig({ MONGO_READ_PREFERENCE: 'secondaryPreferred' }).mongoReadPreference).toBe(
      'secondaryPreferred',
    );
    expect(() => loadConfig({ MONGO_READ_PREFERENCE: 'secondary-preferred' })).toThrow(
      'MONGO_READ_PREFERENCE: must be one of primary, primaryPreferred, secondary, secondaryPreferred, nearest (got "secondary-preferred")',
    );
  });

  test('API_PROCESSES is a whole number of processes from 1 to 64, one by default', () => {
    expect(loadConfig({}).apiProcesses).toBe(1);
    expect(loadConfig({ API_PROCESSES: '4' }).apiProcesses).toBe(4);
    for (const bad of ['0', '65', '1.5', 'two', '-1'])
      expect(() => loadConfig({ API_PROCESSES: bad })).toThrow(`API_PROCESSES: `);
  });

  test('secrets and URL passwords never appear in the message', () => {
    const bad = () => loadConfig({ ADMIN_TOKEN: 'short-secret', REDIS_URL: 'http://user:hunter2@redis' });
    expect(bad).toThrow('ADMIN_TOKEN: must be at least 16 characters (got a hidden value)');
    expect(bad).toThrow('REDIS_URL: must be a redis: or rediss:// URL (got "http://user:***@redis")');
    expect(bad).not.toThrow(/hunter2|short-secret/);
  });

  test('REDIS_CLUSTER_NODES lists host:port pairs; none by default, so REDIS_URL is used', () => {
    expect(loadConfig({}).redisClusterNodes).toEqual([]);
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001', QUEUE_PREFIX: '{jobfeed}' })
        .redisClusterNodes,
    ).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-b', port: 7001 },
    ]);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-a', QUEUE_PREFIX: '{jobfeed}' })).toThrow(
      /REDIS_CLUSTER_NODES: must be a comma-separated list of host:port/,
    );
  });

  test('on Redis Cluster a QUEUE_PREFIX without a {hash tag} stops the start, naming both variables', () => {
    for (const prefix of ['jobfeed', 'job{}feed', 'jobfeed}{x']) {
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000', QUEUE_PREFIX: prefix })).toThrow(
        /QUEUE_PREFIX: must hold a \{hash tag\}.*when REDIS_CLUSTER_NODES is set/,
      );
    }
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000', QUEUE_PREFIX: 'prod-{jobfeed}' }).queuePrefix,
    ).toBe('prod-{jobfeed}');
    expect(loadConfig({ QUEUE_PREFIX: 'jobfeed' }).queuePrefix).toBe('jobfeed');
  });
});
