import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Parser, Tokenizer } from 'htmlparser2';
import { ingestToNdjson } from '../../src/ingest/ingest-to-ndjson';
import { readFeed } from '../../src/ingest/read-feed';

/** What one side of the parse bench reports on stdout, as one JSON line. */
export interface ParseChildResult {
  side: ParseSide;
  postings: number;
  rejected: number;
  ms: number;
  maxRssBytes: number;
}

export type ParseSide = 'ours' | 'bare' | 'bare-tokenizer';
const SIDES: readonly ParseSide[] = ['ours', 'bare', 'bare-tokenizer'];

/** `jobfeed ingest --file F --dry-run`'s path: read, detect, parse, normalize and write NDJSON to `out`. */
async function ours(file: string, out: string): Promise<{ postings: number; rejected: number }> {
  const reading = await readFeed(createReadStream(file), { contentType: 'application/xml; charset=utf-8' });
  const context = {
    feedUrl: 'https://jobs.example.com/feed.xml',
    company: null,
    fetchedAt: new Date(Date.UTC(2026, 9, 2)),
    snippetLength: 160,
  };
  const output = createWriteStream(out, { highWaterMark: 1024 * 1024 });
  const { counts } = await ingestToNdjson(reading, context, output, { onRejected: () => {} });
  output.end();
  await finished(output);
  return { postings: counts.valid, rejected: counts.rejected };
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

/**
 * A barer floor: htmlparser2's tokenizer alone, without its Parser (as ours reads XML now), counting <job> tags.
 * A tag name can span two chunks, so the chunk before the current one is kept.
 */
async function bareTokenizer(file: string): Promise<{ postings: number; rejected: number }> {
  let postings = 0;
  let previous = '';
  let current = '';
  let currentStart = 0;
  const textOf = (start: number, end: number) =>
    start >= currentStart
      ? current.slice(start - currentStart, end - currentStart)
      : (previous + current).slice(
          start - currentStart + previous.length,
          end - currentStart + previous.length,
        );
  const ignore = () => undefined;
  const tokenizer = new Tokenizer(
    { xmlMode: true },
    {
      onopentagname(start, end) {
        if (end - start === 3 && textOf(start, end) === 'job') postings++;
      },
      onattribdata: ignore,
      onattribentity: ignore,
      onattribend: ignore,
      onattribname: ignore,
      oncdata: ignore,
      onclosetag: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onend: ignore,
      onopentagend: ignore,
      onprocessinginstruction: ignore,
      onselfclosingtag: ignore,
      ontext: ignore,
      ontextentity: ignore,
    },
  );
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of createReadStream(file)) {
    currentStart += current.length;
    previous = current;
    current = decoder.decode(chunk as Buffer, { stream: true });
    tokenizer.write(current);
  }
  tokenizer.end();
  return { postings, rejected: 0 };
}

async function main(): Promise<void> {
  const [side, file, out] = process.argv.slice(2);
  if (!SIDES.includes(side as ParseSide) || !file || (side === 'ours' && !out))
    throw new Error('usage: parse-child bare|bare-tokenizer FILE | parse-child ours FILE OUT.ndjson');
  const startedAt = process.hrtime.bigint();
  const counts =
    side === 'ours' ? await ours(file, out!) : side === 'bare' ? await bare(file) : await bareTokenizer(file);
  const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
  const result: ParseChildResult = {
    side: side as ParseSide,
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
