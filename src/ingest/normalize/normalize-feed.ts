import type { ParseReport } from '../formats/format';
import type { QualityTally } from '../quality/quality-report';
import type { RawPosting } from '../../domain/posting';
import { decideDayOrder } from './dates';
import { normalizePosting, type NormalizeContext, type NormalizeResult } from './normalize-posting';

/** Postings read before the feed's conventions (the day order of its numeric dates) are decided. */
export const FEED_SAMPLE_SIZE = 50;
const UNREADABLE_SAMPLES = 3;

/** A normalized posting, or why it was rejected, with the raw posting it came from. */
export type FeedItem = NormalizeResult & { raw: RawPosting };

export interface NormalizeFeedOptions {
  /** Where the feed-level warnings go: the read's report, so runs, dry runs and previews show them. */
  report: ParseReport;
  /** How the warnings name the feed's date field ("<pubDate>"); "dates" when left out. */
  dateField?: string;
  /** Counts every item into the read's quality report. */
  quality: QualityTally;
}

/**
 * The one way to normalize a feed: reads a first sample of raw postings to decide the feed's conventions, then
 * normalizes those and the rest in order. The report gets how the dates were read and, at the end, the dates that
 * could not be. A read that fails while the sample is taken still yields what it read before the error is thrown.
 */
export async function* normalizeFeed(
  raws: AsyncIterable<RawPosting>,
  context: NormalizeContext,
  options: NormalizeFeedOptions,
): AsyncGenerator<FeedItem> {
  const iterator = raws[Symbol.asyncIterator]();
  const sample: RawPosting[] = [];
  let failure: { error: unknown } | undefined;
  try {
    while (sample.length < FEED_SAMPLE_SIZE) {
      const next = await iterator.next();
      if (next.done) break;
      sample.push(next.value);
    }
  } catch (error) {
    failure = { error };
  }
  const dateValues = sample.flatMap((raw) => [raw.date, raw.validThrough].filter((v) => v !== undefined));
  const { dayOrder, warning } = decideDayOrder(dateValues, context.fetchedAt);
  if (warning) options.report.warnings.push(warning);
  const feedContext: NormalizeContext = { ...context, dayOrder };

  let dated = 0;
  let unreadable = 0;
  const samples: string[] = [];
  const normalize = (raw: RawPosting): FeedItem => {
    const result = normalizePosting(raw, feedContext);
    const date = raw.date?.trim();
    if (result.ok && date) {
      dated++;
      if (!result.posting.postedAt) {
        unreadable++;
        if (samples.length < UNREADABLE_SAMPLES) samples.push(date.slice(0, 60));
      }
    }
    const item: FeedItem = result.ok
      ? { ok: true, posting: result.posting, titleFromCapitals: result.titleFromCapitals, raw }
      : { ok: false, rejected: result.rejected, raw };
    options.quality.add(item);
    return item;
  };
  try {
    for (const raw of sample) yield normalize(raw);
    if (failure) throw failure.error;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield normalize(next.value);
  } finally {
    await iterator.return?.();
    if (unreadable)
      options.report.warnings.push(
        `Some dates cannot be read (${samples.map((d) => JSON.stringify(d)).join(', ')}): write ${options.dateField ?? 'dates'} as RFC 2822 ("Tue, 10 Nov 2026 09:00:00 GMT") or ISO 8601 ("2026-11-10T09:00:00Z"); ${unreadable} of ${dated} dated postings are dated when first seen instead.`,
      );
  }
}
