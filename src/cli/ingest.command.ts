import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Config } from '../../config';
import { ingestToNdjson } from '../ingest/ingest-to-ndjson';
import { qualityTable } from '../ingest/quality/quality-table';
import { readFeed } from '../ingest/read-feed';
import type { CliContext } from './context';
import { openDocument } from './document-source';
import { readMappingFile } from './mapping-file';
import { CliError } from './output';

interface IngestOptions {
  file?: string;
  url?: string;
  format?: string;
  company?: string;
  mapping?: string;
  personioAccount?: string;
  dryRun?: boolean;
  qualityReport?: string;
}

const PROGRESS_EVERY_MS = 2_000;

export function registerIngestCommand(program: Command, { loadConfig }: CliContext): void {
  program
    .command('ingest')
    .description(
      'read a feed and print one normalized posting per line (JSON); counts and rejections go to stderr',
    )
    .option('--file <path>', 'a feed file')
    .option('--url <url>', 'a feed URL')
    .option('--format <name>', 'skip format detection')
    .option('--company <name>', 'company for postings that name none')
    .option('--mapping <file>', 'a JSON field mapping for a document in no standard format')
    .option(
      '--personio-account <account>',
      'the Personio account of a Personio feed served from another host',
    )
    .option(
      '--dry-run',
      'print instead of saving (required: feeds are saved by workers, see `jobfeed feeds add`)',
    )
    .option('--quality-report <file>', 'also write the quality report of the read as JSON to this file')
    .action((options: IngestOptions) => ingest(loadConfig, options));
}

async function ingest(loadConfig: () => Config, options: IngestOptions): Promise<void> {
  if (!options.dryRun)
    throw new CliError('ingest only prints (--dry-run); to store a feed, add it with `jobfeed feeds add`');
  if (!options.file === !options.url) throw new CliError('give exactly one of --file PATH or --url URL');
  const config = loadConfig();
  const mapping = options.mapping ? await readMappingFile(options.mapping) : null;
  const fetchedAt = new Date();
  const source = await openDocument(options, config.fetch);
  const reading = await readFeed(source.body, {
    contentType: source.contentType,
    format: options.format,
    mapping,
    url: source.baseUrl,
    personioAccount: options.personioAccount,
  });
  const context = {
    feedUrl: source.baseUrl,
    company: options.company ?? null,
    fetchedAt,
    snippetLength: config.snippetLength,
  };
  let lastProgress = Date.now();
  const { counts, quality } = await ingestToNdjson(reading, context, process.stdout, {
    onRejected: (rejected) => process.stderr.write(`rejected: ${rejected.reason} ${rejected.sample}\n`),
    progressEvery: 1_000,
    onProgress: ({ seen }) => {
      if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = Date.now();
      process.stderr.write(`… ${seen} postings read\n`);
    },
  });
  for (const warning of [...reading.report.warnings, ...quality.warnings])
    process.stderr.write(`warning: ${warning}\n`);
  process.stderr.write(qualityTable(quality));
  process.stderr.write(
    `${reading.format.name} (${reading.charset}): ${counts.seen} seen, ${counts.valid} valid, ${counts.rejected} rejected` +
      `${counts.repeatedIds ? `, ${counts.repeatedIds} repeated ids` : ''}${counts.duplicates ? `, ${counts.duplicates} duplicates` : ''}\n`,
  );
  if (options.qualityReport)
    await writeFile(options.qualityReport, `${JSON.stringify({ counts, ...quality }, null, 2)}\n`);
  if (counts.valid === 0)
    throw new CliError(
      `the document held ${counts.seen} items and none is a valid posting (see the rejected lines above)`,
    );
}
