/** An absolute http(s) URL resolved against the feed's URL, without utm_* tracking parameters; null for any other scheme. */
export function normalizePostingUrl(raw: string | undefined, feedUrl: string): string | null {
  const text = raw?.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text, feedUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  for (const name of [...url.searchParams.keys()]) {
    if (name.toLowerCase().startsWith('utm_')) url.searchParams.delete(name);
  }
  url.hash = url.hash === '#' ? '' : url.hash;
  return url.toString();
}
