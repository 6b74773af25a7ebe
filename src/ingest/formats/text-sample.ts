/**
 * The first `chars` characters of a streamed text (at least; whole chunks), and the whole text again as a stream:
 * what is read to infer a format is not lost to the reader that follows.
 */
export async function sampleText(
  text: AsyncIterable<string>,
  chars: number,
): Promise<{ sample: string; text: AsyncIterable<string> }> {
  const iterator = text[Symbol.asyncIterator]();
  const chunks: string[] = [];
  let length = 0;
  let ended = false;
  while (length < chars) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  async function* whole(): AsyncGenerator<string> {
    yield* chunks;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { sample: chunks.join(''), text: whole() };
}
