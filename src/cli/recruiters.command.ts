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
    store: ({ recruiters }) => ({
      create: async (input) => {
        const { recruiter, apiKey } = await recruiters.create(input);
        return { account: recruiter, apiKey };
      },
      list: () => recruiters.list(),
      revoke: (id) => recruiters.revoke(id),
      rotate: async (id) => {
        const issued = await recruiters.rotate(id);
        return issued && { account: issued.recruiter, apiKey: issued.apiKey };
      },
    }),
  });
}
