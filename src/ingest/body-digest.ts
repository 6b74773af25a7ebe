import { createHash, type Hash } from 'node:crypto';
import type { Feed } from '../data/feed.schema';

/**
 * Raise when a change to reading or normalizing makes the same body store other postings, so that every feed is read
 * again once; test/unit/reader-version.test.ts fails when the golden files change without it.
 */
export const READER_VERSION = 4;

/** The digest checkpoints: the most of the body held back from the reader while it is compared. */
export const DIGEST_SEGMENT_BYTES = 1024 * 1024;

/** Everything besides the body that decides what an ingest stores: a change to any of it re-reads the feed. */
export function readerSettings(feed: Feed, snippetLength: number): string {
  return JSON.stringify([
    READER_VERSION,
    feed.url,
    feed.format,
    feed.company,
    feed.personioAccount,
    feed.mapping ?? null,
    feed.recruiterId ? String(feed.recruiterId) : null,
    snippetLength,
  ]);
}

/**
 * sha256 of the reader settings and the body, taken after every DIGEST_SEGMENT_BYTES and at the end: the last digest
 * is the whole body's. While the body read so far is the one `expected` was taken from, each segment is held until its
 * digest is compared, so the reader only ever receives bytes known to be the same (`matching`) or, from the first
 * segment that differs on, bytes known to differ. One pass, no more of the body kept than one segment.
 */
export class BodyDigest {
  readonly digests: string[] = [];
  /** Every byte passed on so far is the same as in the body `expected` was taken from. */
  matching: boolean;
  private readonly hash: Hash;
  private segmentBytes = 0;
  private ended = false;

  constructor(
    settings: string,
    private readonly expected: readonly string[] | null,
  ) {
    this.hash = createHash('sha256').update(settings);
    this.matching = Boolean(expected?.length);
  }

  /** The whole body, and the reader settings, are those `expected` was taken from. */
  get unchanged(): boolean {
    return this.ended && this.matching && this.digests.length === this.expected!.length;
  }

  async *pass(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    let held: Uint8Array[] = [];
    for await (const chunk of body) {
      for (let offset = 0; offset < chunk.byteLength;) {
        const part = chunk.subarray(offset, offset + DIGEST_SEGMENT_BYTES - this.segmentBytes);
        offset += part.byteLength;
        this.hash.update(part);
        this.segmentBytes += part.byteLength;
        held.push(part);
        if (this.segmentBytes === DIGEST_SEGMENT_BYTES) this.checkpoint();
        if (!this.matching || this.segmentBytes === 0) {
          yield* held;
          held = [];
        }
      }
    }
    if (this.segmentBytes > 0 || this.digests.length === 0) this.checkpoint();
    this.ended = true;
    yield* held;
  }

  private checkpoint(): void {
    const digest = this.hash.copy().digest('hex');
    if (this.expected?.[this.digests.length] !== digest) this.matching = false;
    this.digests.push(digest);
    this.segmentBytes = 0;
  }
}
