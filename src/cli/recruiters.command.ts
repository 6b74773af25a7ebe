import type { Command } from 'commander';
import { registerAccountCommand } from './accounts.command';
import type { CliContext } from './context';

export function registerRecruitersCommand(program: Command, context: CliContext): void {
  registerAccountCommand(program, context, {
    command: 'recruiters',
    noun: 'recruiter',
    description: 'add, list, revoke and rotate the API keys of recruiter accounts',
    nameHelp: 'the recruiter or agency name',
    afterRevoke: 'their feeds keep running',
    store: ({ recruiters }) => recruiters,
  });
}
