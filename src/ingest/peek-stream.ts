/**
 * The first chunks of a stream, until they add up to `enough` (by `sizeOf`) or the stream ends, and the whole
 * stream again from its start: what is read to detect or infer a format is not lost to the reader that follows.
 */
export async function peekStream<T>(
  source: AsyncIterable<T>,
  enough: number,
  sizeOf: (chunk: T) => number,
): Promise<{ head: T[]; whole: AsyncIterable<T> }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: T[] = [];
  let size = 0;
  let ended = false;
  while (size < enough) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += sizeOf(next.value);
  }
  async function* whole(): AsyncGenerator<T> {
    yield* head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, whole: whole() };
}
