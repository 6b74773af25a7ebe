import { beginPostingsWrite } from '../../src/cache/postings-version';
import { createRedis } from '../../src/queue/redis';

/**
 * A writer process that begins a postings write phase and never ends it, for a test to kill:
 * REDIS_URL, QUEUE_PREFIX and WRITE_MARK_TTL_MS (the mark's time to live without renewal).
 */
async function main(): Promise<void> {
  const redis = createRedis(process.env.REDIS_URL!, 'worker');
  await beginPostingsWrite(redis, process.env.QUEUE_PREFIX!, Number(process.env.WRITE_MARK_TTL_MS));
  process.stdout.write(`${JSON.stringify({ msg: 'write begun' })}\n`);
  setInterval(() => undefined, 60_000);
}

void main();
