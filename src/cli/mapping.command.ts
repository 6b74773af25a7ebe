import type { Command } from 'commander';
import type { Config } from '../../config';
import { suggestMapping } from '../ingest/suggest-mapping';
import type { CliContext } from './context';
import { openDocument } from './document-source';
import { printJson } from './output';

interface SuggestOptions {
  file?: string;
  url?: string;
}

export function registerMappingCommand(program: Command, { loadConfig }: CliContext): void {
  const mapping = program.command('mapping').description('field mappings for partners in no standard format');
  mapping
    .command('suggest')
    .description(
      'print a draft field mapping (JSON, loadable with --mapping) inferred from an XML or JSON document; notes go to stderr',
    )
    .option('--file <path>', 'a document file')
    .option('--url <url>', 'a document URL, fetched like a feed')
    .action((options: SuggestOptions) => suggest(loadConfig(), options));
}

async function suggest(config: Config, options: SuggestOptions): Promise<void> {
  const source = await openDocument(options, config.fetch);
  const { mapping, notes } = await suggestMapping(source.body, source.contentType);
  printJson(mapping);
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
}
