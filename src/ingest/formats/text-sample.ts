import { peekStream } from '../peek-stream';

/** The first `chars` characters of a streamed text (at least; whole chunks), and the whole text again as a stream. */
export async function sampleText(
  text: AsyncIterable<string>,
  chars: number,
): Promise<{ sample: string; text: AsyncIterable<string> }> {
  const { head, whole } = await peekStream(text, chars, (chunk) => chunk.length);
  return { sample: head.join(''), text: whole };
}
