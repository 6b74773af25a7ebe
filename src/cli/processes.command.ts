import type { Command } from 'commander';
import { runWorkerProcess } from '../../workers/main';
import { runApiProcess } from '../api/server';
import type { CliContext } from './context';

/** The two long-running roles of the one build: `jobfeed api` and `jobfeed worker`. */
export function registerProcessCommands(program: Command, { loadConfig }: CliContext): void {
  program
    .command('api')
    .description('run the HTTP API (PORT); answers uncached while Redis is away')
    .action(() => runApiProcess(loadConfig()));
  program
    .command('worker')
    .description('run the queue workers that poll and ingest feeds (needs Redis)')
    .action(() => runWorkerProcess(loadConfig()));
}
