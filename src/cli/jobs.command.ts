import type { Command } from 'commander';
import type { Config } from '../../config';
import { QUEUE_NAMES, type QueueName } from '../queue/queues';
import { withQueues } from './connect';
import type { CliContext } from './context';
import { CliError, printJson } from './output';

const RETRY_BATCH = 1000;

export function registerJobsCommand(program: Command, { loadConfig }: CliContext): void {
  const jobs = program.command('jobs').description('operate on queued jobs');
  jobs
    .command('retry-failed')
    .description('move every failed job of a queue back to waiting, to run again')
    .option('--queue <name>', `one of ${QUEUE_NAMES.join(', ')}`, 'ingest')
    .action((options: { queue: string }) => retryFailed(loadConfig, options.queue));
}

async function retryFailed(loadConfig: () => Config, queueName: string): Promise<void> {
  if (!QUEUE_NAMES.includes(queueName as QueueName)) {
    throw new CliError(`--queue must be one of ${QUEUE_NAMES.join(', ')} (got ${JSON.stringify(queueName)})`);
  }
  await withQueues(loadConfig(), async ({ queues }) => {
    const queue = queues[queueName as QueueName];
    const failed = await queue.getFailedCount();
    await queue.retryJobs({ state: 'failed', count: RETRY_BATCH });
    printJson({ queue: queueName, retried: failed });
  });
}
