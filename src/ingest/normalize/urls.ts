/** Where a utm_* parameter could start in a query string (decoded or not, any case). */
const TRACKING_PARAMETER = /[?&](?:u|%75)(?:t|%74)(?:m|%6d)(?:_|%5f)/i;

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
  if (TRACKING_PARAMETER.test(url.search)) {
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((parameter) => !isTrackingParameter(parameter));
    url.search = kept.length ? `?${kept.join('&')}` : '';
  }
  const href = url.href;
  return url.hash === '' && href.endsWith('#') ? href.slice(0, -1) : href;
}

function isTrackingParameter(parameter: string): boolean {
  if (/^utm_/i.test(parameter)) return true;
  // Only a name written with escapes ("%75tm_", "utm%5F") can still read utm_ once decoded.
  if (!/^[^=]*[%+]/.test(parameter)) return false;
  return decodedName(parameter.split('=', 1)[0]!).toLowerCase().startsWith('utm_');
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
