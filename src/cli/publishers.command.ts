import type { Command } from 'commander';
import { registerAccountCommand } from './accounts.command';
import type { CliContext } from './context';

export function registerPublishersCommand(program: Command, context: CliContext): void {
  registerAccountCommand(program, context, {
    command: 'publishers',
    noun: 'publisher',
    description:
      'add, list, revoke and rotate the API keys of publisher accounts (sites that show placements)',
    nameHelp: 'the site or publisher name',
    afterRevoke: 'their placements keep serving their lists',
    store: ({ publishers }) => publishers,
  });
}
