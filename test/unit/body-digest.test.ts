import { BodyDigest, DIGEST_SEGMENT_BYTES } from '../../src/ingest/body-digest';

const SETTINGS = 'settings';

async function* chunks(body: Buffer, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < body.byteLength; offset += size) yield body.subarray(offset, offset + size);
}

/** Reads the body through the digest, noting whether `matching` held when each byte reached the reader. */
async function read(digest: BodyDigest, body: Buffer) {
  const received: Buffer[] = [];
  const matchingAt: boolean[] = [];
  for await (const chunk of digest.pass(chunks(body))) {
    received.push(Buffer.from(chunk));
    matchingAt.push(digest.matching);
  }
  return { received: Buffer.concat(received), matchingAt };
}

const body = (size: number, fill: number) => Buffer.alloc(size, fill);

describe('the body digest', () => {
  const original = Buffer.concat([body(DIGEST_SEGMENT_BYTES, 1), body(DIGEST_SEGMENT_BYTES / 2, 2)]);

  test('passes every byte on, and takes a digest per segment and one of the whole body', async () => {
    const digest = new BodyDigest(SETTINGS, null);
    const { received, matchingAt } = await read(digest, original);
    expect(received.equals(original)).toBe(true);
    expect(digest.digests).toHaveLength(2);
    expect(matchingAt.every((matching) => !matching)).toBe(true);
    expect(digest.unchanged).toBe(false);
  });

  test('the same body with the same settings is unchanged, and every byte reached the reader matching', async () => {
    const first = new BodyDigest(SETTINGS, null);
    await read(first, original);
    const again = new BodyDigest(SETTINGS, first.digests);
    const { received, matchingAt } = await read(again, original);
    expect(received.equals(original)).toBe(true);
    expect(matchingAt.every(Boolean)).toBe(true);
    expect(again.unchanged).toBe(true);
    expect(again.digests).toEqual(first.digests);
  });

  test('other settings make the same body a changed one from its first byte', async () => {
    const first = new BodyDigest(SETTINGS, null);
    await read(first, original);
    const again = new BodyDigest('other settings', first.digests);
    const { matchingAt } = await read(again, original);
    expect(matchingAt.some(Boolean)).toBe(false);
    expect(again.unchanged).toBe(false);
  });

  test('bytes of a segment that differs reach the reader only once matching is off', async () => {
    const first = new BodyDigest(SETTINGS, null);
    await read(first, original);
    const changed = Buffer.from(original);
    changed[DIGEST_SEGMENT_BYTES + 10] = 9;
    const again = new BodyDigest(SETTINGS, first.digests);
    const { received, matchingAt } = await read(again, changed);
    expect(received.equals(changed)).toBe(true);
    const matchingBytes = DIGEST_SEGMENT_BYTES / (64 * 1024);
    expect(matchingAt.slice(0, matchingBytes).every(Boolean)).toBe(true);
    expect(matchingAt.slice(matchingBytes).some(Boolean)).toBe(false);
    expect(again.unchanged).toBe(false);
  });

  test('a body that is the start of the last one, or goes on past it, is not unchanged', async () => {
    const first = new BodyDigest(SETTINGS, null);
    await read(first, original);
    const shorter = new BodyDigest(SETTINGS, first.digests);
    await read(shorter, original.subarray(0, DIGEST_SEGMENT_BYTES));
    expect(shorter.unchanged).toBe(false);
    const longer = new BodyDigest(SETTINGS, first.digests);
    await read(longer, Buffer.concat([original, body(10, 3)]));
    expect(longer.unchanged).toBe(false);
  });
});
