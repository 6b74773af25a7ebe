import { createReadStream } from 'node:fs';
import { Parser } from 'htmlparser2';
import { normalizePosting } from '../../src/ingest/normalize/normalize-posting';
import type { PreparedPosting } from '../../src/ingest/posting';
import { readFeed } from '../../src/ingest/read-feed';

/** What one side of the parse bench reports on stdout, as one JSON line. */
export interface ParseChildResult {
  side: ParseSide;
  postings: number;
  rejected: number;
  ms: number;
  maxRssBytes: number;
}

export type ParseSide = 'ours' | 'bare';

const BATCH_SIZE = 500;

/** The worker's path minus the database: read, detect, parse and normalize into batches of 500. */
async function ours(file: string): Promise<{ postings: number; rejected: number }> {
  const reading = await readFeed(createReadStream(file), { contentType: 'application/xml; charset=utf-8' });
  const context = {
    feedUrl: 'https://jobs.example.com/feed.xml',
    company: null,
    fetchedAt: new Date(Date.UTC(2026, 9, 2)),
    snippetLength: 160,
  };
  let postings = 0;
  let rejected = 0;
  let batch: PreparedPosting[] = [];
  for await (const raw of reading.postings) {
    const result = normalizePosting(raw, context);
    if (!result.ok) {
      rejected++;
      continue;
    }
    postings++;
    batch.push(result.posting);
    if (batch.length >= BATCH_SIZE) batch = [];
  }
  return { postings, rejected };
}

/** The floor: the same parser library over the same bytes, counting <job> elements and nothing else. */
async function bare(file: string): Promise<{ postings: number; rejected: number }> {
  let postings = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'job') postings++;
      },
    },
    { xmlMode: true },
  );
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of createReadStream(file))
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
  parser.end(decoder.decode());
  return { postings, rejected: 0 };
}

async function main(): Promise<void> {
  const [side, file] = process.argv.slice(2);
  if ((side !== 'ours' && side !== 'bare') || !file) throw new Error('usage: parse-child ours|bare FILE');
  const startedAt = process.hrtime.bigint();
  const counts = side === 'ours' ? await ours(file) : await bare(file);
  const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
  const result: ParseChildResult = {
    side,
    ...counts,
    ms,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
