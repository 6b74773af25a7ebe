#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { loadConfigOrExit } from '../../config';
import { runWorkerProcess } from '../../workers/main';
import { runApiProcess } from '../api/server';
import { AppError } from '../errors';
import { registerDemoCommand } from './demo/demo.command';
import { registerFeedsCommand } from './feeds.command';
import { registerIngestCommand } from './ingest.command';
import { registerMappingCommand } from './mapping.command';
import { registerRecruitersCommand } from './recruiters.command';
import { registerJobsCommand } from './jobs.command';
import { CliError } from './output';

const program = new Command('jobfeed')
  .description('Job-board aggregator: partner feeds in, a clean "Recent Posts" list out')
  .showHelpAfterError()
  .exitOverride();

program
  .command('api')
  .description('run the HTTP API (PORT)')
  .action(() => runApiProcess(loadConfigOrExit()));
program
  .command('worker')
  .description('run the queue workers that poll and ingest feeds')
  .action(() => runWorkerProcess(loadConfigOrExit()));
registerIngestCommand(program);
registerMappingCommand(program);
registerFeedsCommand(program);
registerRecruitersCommand(program);
registerJobsCommand(program);
registerDemoCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
    return;
  }
  if (error instanceof CliError || (error instanceof AppError && error.operational)) {
    process.stderr.write(`jobfeed: ${error.message}\n`);
  } else {
    process.stderr.write(
      `jobfeed: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exitCode = 1;
});
