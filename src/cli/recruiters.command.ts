import type { Command } from 'commander';
import type { Recruiter } from '../data/recruiter.schema';
import type { CliContext } from './context';
import { withDatabase } from './connect';
import { CliError, printJson } from './output';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What an operator may see of a recruiter: never the key hash. */
function shown(recruiter: Recruiter) {
  return {
    id: String(recruiter._id),
    name: recruiter.name,
    email: recruiter.email,
    keyPrefix: recruiter.keyPrefix,
    status: recruiter.status,
    revokedAt: recruiter.revokedAt,
    keyRotatedAt: recruiter.keyRotatedAt,
    createdAt: recruiter.createdAt,
  };
}

export function registerRecruitersCommand(program: Command, { loadConfig }: CliContext): void {
  const recruiters = program
    .command('recruiters')
    .description('add, list, revoke and rotate the API keys of recruiter accounts');

  recruiters
    .command('add')
    .description('create a recruiter account; prints { id, apiKey } once (only a hash of the key is kept)')
    .requiredOption('--name <name>', 'the recruiter or agency name')
    .requiredOption('--email <email>', 'a contact address, one account per address')
    .action(async (options: { name: string; email: string }) => {
      const name = options.name.trim();
      if (!name || name.length > 200) throw new CliError('--name must be 1 to 200 characters');
      if (!EMAIL.test(options.email) || options.email.length > 320)
        throw new CliError(`--email must be an email address (got ${JSON.stringify(options.email)})`);
      await withDatabase(loadConfig(), async (db) => {
        try {
          const { recruiter, apiKey } = await db.recruiters.create({ name, email: options.email });
          printJson({ id: String(recruiter._id), apiKey });
        } catch (error) {
          if ((error as { code?: number }).code === 11000)
            throw new CliError(`a recruiter with email ${options.email} already exists`);
          throw error;
        }
      });
    });

  recruiters
    .command('list')
    .description('every recruiter account with its key prefix and status')
    .action(async () => {
      await withDatabase(loadConfig(), async (db) => {
        printJson((await db.recruiters.list()).map(shown));
      });
    });

  recruiters
    .command('revoke <id>')
    .description("stop a recruiter's API key at once; their feeds keep running")
    .action(async (id: string) => {
      await withDatabase(loadConfig(), async (db) => {
        const recruiter = await db.recruiters.revoke(id);
        if (!recruiter) throw new CliError(`no recruiter with id ${id}`);
        printJson(shown(recruiter));
      });
    });

  recruiters
    .command('rotate <id>')
    .description('issue a new API key (prints { id, apiKey } once); the old key stops working at once')
    .action(async (id: string) => {
      await withDatabase(loadConfig(), async (db) => {
        const issued = await db.recruiters.rotate(id);
        if (!issued) throw new CliError(`no recruiter with id ${id}`);
        printJson({ id: String(issued.recruiter._id), apiKey: issued.apiKey });
      });
    });
}
