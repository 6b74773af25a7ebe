import type { Command } from 'commander';
import type { Database } from '../data/database';
import type { CliContext } from './context';
import { withDatabase } from './connect';
import { CliError, printJson } from './output';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What recruiter and publisher accounts share: a name, an email and a key kept as a hash. */
interface Account {
  _id: unknown;
  name: string;
  email: string;
  keyPrefix: string;
  status: string;
  revokedAt: Date | null;
  keyRotatedAt: Date | null;
  createdAt: Date;
}

/** The operations `recruiters` and `publishers` run on their own accounts. */
export interface AccountStore {
  create(input: { name: string; email: string }): Promise<{ account: Account; apiKey: string }>;
  list(): Promise<Account[]>;
  revoke(id: string): Promise<Account | null>;
  rotate(id: string): Promise<{ account: Account; apiKey: string } | null>;
}

export interface AccountCommand {
  /** "recruiters", "publishers" */
  command: string;
  /** "recruiter", "publisher" */
  noun: string;
  description: string;
  nameHelp: string;
  /** What keeps working after a revoke: "their feeds keep running". */
  afterRevoke: string;
  store(db: Database): AccountStore;
}

/** What an operator may see of an account: never the key hash. */
function shown(account: Account) {
  return {
    id: String(account._id),
    name: account.name,
    email: account.email,
    keyPrefix: account.keyPrefix,
    status: account.status,
    revokedAt: account.revokedAt,
    keyRotatedAt: account.keyRotatedAt,
    createdAt: account.createdAt,
  };
}

/** `add`, `list`, `revoke` and `rotate` of one kind of API-key account. */
export function registerAccountCommand(
  program: Command,
  { loadConfig }: CliContext,
  kind: AccountCommand,
): void {
  const accounts = program.command(kind.command).description(kind.description);
  const { noun } = kind;

  accounts
    .command('add')
    .description(`create a ${noun} account; prints { id, apiKey } once (only a hash of the key is kept)`)
    .requiredOption('--name <name>', kind.nameHelp)
    .requiredOption('--email <email>', 'a contact address, one account per address')
    .action(async (options: { name: string; email: string }) => {
      const name = options.name.trim();
      if (!name || name.length > 200) throw new CliError('--name must be 1 to 200 characters');
      if (!EMAIL.test(options.email) || options.email.length > 320)
        throw new CliError(`--email must be an email address (got ${JSON.stringify(options.email)})`);
      await withDatabase(loadConfig(), async (db) => {
        try {
          const { account, apiKey } = await kind.store(db).create({ name, email: options.email });
          printJson({ id: String(account._id), apiKey });
        } catch (error) {
          if ((error as { code?: number }).code === 11000)
            throw new CliError(`a ${noun} with email ${options.email} already exists`);
          throw error;
        }
      });
    });

  accounts
    .command('list')
    .description(`every ${noun} account with its key prefix and status`)
    .action(async () => {
      await withDatabase(loadConfig(), async (db) => {
        printJson((await kind.store(db).list()).map(shown));
      });
    });

  accounts
    .command('revoke <id>')
    .description(`stop a ${noun}'s API key at once; ${kind.afterRevoke}`)
    .action(async (id: string) => {
      await withDatabase(loadConfig(), async (db) => {
        const account = await kind.store(db).revoke(id);
        if (!account) throw new CliError(`no ${noun} with id ${id}`);
        printJson(shown(account));
      });
    });

  accounts
    .command('rotate <id>')
    .description('issue a new API key (prints { id, apiKey } once); the old key stops working at once')
    .action(async (id: string) => {
      await withDatabase(loadConfig(), async (db) => {
        const issued = await kind.store(db).rotate(id);
        if (!issued) throw new CliError(`no ${noun} with id ${id}`);
        printJson({ id: String(issued.account._id), apiKey: issued.apiKey });
      });
    });
}
