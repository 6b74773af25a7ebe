import { Writable } from 'node:stream';
import { AppError } from '../../src/errors';
import { ingestToNdjson } from '../../src/ingest/ingest-to-ndjson';
import { readFeed } from '../../src/ingest/read-feed';
import type { Bench } from './bench';
import { hostileDocuments, ordinaryFeedOfSize } from './hostile-documents';
import { formatMs, formatRatio, median, repeat } from './measure';

const RUNS = 3;
const TARGET_RATIO = 3;

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < text.length; at += 64 * 1024) yield Buffer.from(text.slice(at, at + 64 * 1024));
}

/** The dry run's whole read of a document, refused or not: the cost a preview or a poll pays for it. */
async function readMs(text: string): Promise<number> {
  const startedAt = performance.now();
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    const reading = await readFeed(bytesOf(text), { url: 'https://partner.example/feed' });
    await ingestToNdjson(
      reading,
      { feedUrl: 'https://partner.example/feed', company: null, fetchedAt: new Date(), snippetLength: 160 },
      discard,
      { onRejected: () => undefined },
    );
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  return performance.now() - startedAt;
}

/** Each hostile document against an ordinary feed of the same size; the row shows the worst. */
export const hostileBench: Bench = async (context) => {
  let worst = { name: '', ours: 0, baseline: 0, ratio: 0 };
  for (const document of hostileDocuments()) {
    const ordinary = ordinaryFeedOfSize(document.text.length);
    const ours = median(await repeat(RUNS, () => readMs(document.text)));
    const baseline = median(await repeat(RUNS, () => readMs(ordinary)));
    context.progress(`hostile: ${document.name}: ${formatMs(ours)} vs ${formatMs(baseline)} ordinary`);
    if (ours / baseline > worst.ratio)
      worst = { name: document.name, ours, baseline, ratio: ours / baseline };
  }
  return [
    {
      name: `Hostile inputs, worst: ${worst.name}`,
      ours: formatMs(worst.ours),
      baseline: `${formatMs(worst.baseline)}, an ordinary feed of the same size`,
      ratio: formatRatio(worst.ratio),
      target: `≤ ${TARGET_RATIO}×`,
      met: worst.ratio <= TARGET_RATIO,
    },
  ];
};
