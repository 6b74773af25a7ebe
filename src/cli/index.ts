#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { loadConfigOrExit, type Config } from '../../config';
import { AppError } from '../errors';
import type { CliContext } from './context';
import { registerDemoCommand } from './demo/demo.command';
import { registerFeedsCommand } from './feeds.command';
import { registerIngestCommand } from './ingest.command';
import { registerMappingCommand } from './mapping.command';
import { registerPublishersCommand } from './publishers.command';
import { registerRecruitersCommand } from './recruiters.command';
import { registerJobsCommand } from './jobs.command';
import { CliError } from './output';
import { packageVersion } from './package-version';
import { registerProcessCommands } from './processes.command';

let config: Config | undefined;
/** The environment is read once, when the first action asks: `--help` and `--version` need no valid config. */
const context: CliContext = { loadConfig: () => (config ??= loadConfigOrExit()) };

const program = new Command('jobfeed')
  .description('Job-board aggregator: partner feeds in, a clean "Recent Posts" list out')
  .version(packageVersion(), '-V, --version', 'print the version of jobfeed')
  .showHelpAfterError()
  .exitOverride();

registerProcessCommands(program, context);
registerIngestCommand(program, context);
registerMappingCommand(program, context);
registerFeedsCommand(program, context);
registerRecruitersCommand(program, context);
registerPublishersCommand(program, context);
registerJobsCommand(program, context);
registerDemoCommand(program, context);

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
