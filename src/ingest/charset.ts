const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/**
 * The body's character set, from (in order of authority) a byte-order mark, the Content-Type charset,
 * the XML declaration or an HTML meta tag; UTF-8 when none names one or the name is unknown.
 */
export function detectCharset(head: Uint8Array, contentType: string | undefined): string {
  for (const [bom, charset] of BOMS) {
    if (bom.every((byte, i) => head[i] === byte)) return charset;
  }
  if (head[0] === 0x3c && head[1] === 0x00) return 'utf-16le';
  if (head[0] === 0x00 && head[1] === 0x3c) return 'utf-16be';
  const declared =
    /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    declaredInDocument(new TextDecoder('latin1').decode(head.subarray(0, 2048)));
  return declared && isKnownCharset(declared) ? declared.toLowerCase() : 'utf-8';
}

function declaredInDocument(head: string): string | undefined {
  return (
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1]
  );
}

function isKnownCharset(name: string): boolean {
  try {
    new TextDecoder(name);
    return true;
  } catch {
    return false;
  }
}

/** Decodes a byte stream chunk by chunk; characters split across chunks are kept whole. The BOM is dropped. */
export async function* decodeStream(
  chunks: AsyncIterable<Uint8Array>,
  charset: string,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(charset);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
