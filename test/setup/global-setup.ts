import path from 'node:path';
import { startLocalServices } from '../services/local-services';

declare global {
  // Set here, read by global-teardown.ts: Jest runs both hooks in its main process.
  var jobfeedTestServices: { stop(): Promise<void> } | undefined;
}

const envKeys = ['MONGO_URL', 'REDIS_URL', 'MONGO_KIND'] as const;

/** Jest runs global setup without a timeout, so a first-run FerretDB build (minutes) is fine here. */
export default async function globalSetup(): Promise<void> {
  const previousEnv = envKeys.map((key) => [key, process.env[key]] as const);
  const services = await startLocalServices({ rootDir: path.resolve(__dirname, '../..'), detached: false });
  // Test workers are forked after global setup and inherit this environment.
  process.env.MONGO_URL = services.mongoUrl;
  process.env.REDIS_URL = services.redisUrl;
  process.env.MONGO_KIND = services.mongoKind;
  process.stderr.write(
    `\ntest services: ${services.mongoKind} ${services.mongoUrl}, redis ${services.redisUrl}\n`,
  );

  globalThis.jobfeedTestServices = {
    stop: async () => {
      await services.stop();
      // In watch mode the next run's setup must not mistake the stopped servers for external ones.
      for (const [key, value] of previousEnv) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}
