import { loadConfig, type Config } from '../../config';

let counter = 0;

/** A name no other test file or run uses: databases and queue prefixes are private to each test file. */
export function uniqueName(label: string): string {
  counter += 1;
  return `${label}_${process.pid}_${Date.now().toString(36)}_${counter}`.replace(/[^\w]/g, '_');
}

/** The real configuration loader, pointed at the services Jest's global setup started. */
export function testConfig(env: Record<string, string> = {}): Config {
  const mongoUrl = process.env.MONGO_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!mongoUrl || !redisUrl)
    throw new Error('MONGO_URL and REDIS_URL are set by test/setup/global-setup.ts');
  return loadConfig({
    MONGO_URL: mongoUrl,
    REDIS_URL: redisUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    FETCH_ALLOW_PRIVATE: 'true',
    QUEUE_PREFIX: uniqueName('test'),
    INGEST_ATTEMPTS: '2',
    INGEST_BACKOFF_MS: '20',
    FETCH_TIMEOUT_MS: '5000',
    PORT: '0',
    HOST: '127.0.0.1',
    // The fixture feeds date from 2024; a test of the age limit sets its own.
    MAX_POSTING_AGE_DAYS: '3650',
    ...env,
  });
}
