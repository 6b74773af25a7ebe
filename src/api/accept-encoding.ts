/** The content codings the read cache precompresses, in the order it prefers them at equal weight. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/**
 * The best of the available codings an Accept-Encoding header allows (RFC 9110 12.5.3), or undefined for identity.
 * A coding the header does not name is allowed only through `*`; `q=0` refuses it.
 */
export function preferredEncoding(
  header: string | undefined,
  available: ReadonlySet<Encoding>,
): Encoding | undefined {
  if (!header || available.size === 0) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.split(';');
    const q = params.map((param) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(param)?.[1]).find(Boolean);
    weights.set(coding.trim().toLowerCase(), q === undefined ? 1 : Number(q));
  }
  let best: Encoding | undefined;
  let bestWeight = 0;
  for (const coding of ENCODINGS) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (available.has(coding) && weight > bestWeight) [best, bestWeight] = [coding, weight];
  }
  return best;
}
