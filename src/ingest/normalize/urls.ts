/** Where a utm_* parameter could start in a query string (decoded or not, any case). */
const TRACKING_PARAMETER = /[?&](?:u|%75)(?:t|%74)(?:m|%6d)(?:_|%5f)/i;

/** An absolute http(s) URL resolved against the feed's URL, without utm_* tracking parameters; null for any other scheme. */
/** "jobs@acme.example": an address partners put where the link belongs, which would resolve as a relative path. */
const EMAIL_ADDRESS = /^[^\s/@:]+@[^\s/@]+\.[a-z]{2,}$/i;

export function normalizePostingUrl(raw: string | undefined, feedUrl: string): string | null {
  const text = raw?.trim();
  if (!text || EMAIL_ADDRESS.test(text)) return null;
  let url: URL;
  try {
    url = isAbsoluteHttp(text) && isValidBase(feedUrl) ? new URL(text) : new URL(text, feedUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const { href, search, hash } = url;
  // href ends with search then hash; an empty fragment ("#") shows in href only, and goes.
  const end = hash ? href.length : href.endsWith('#') ? href.length - 1 : href.length;
  if (!TRACKING_PARAMETER.test(search)) return href.slice(0, end);
  const kept = search
    .slice(1)
    .split('&')
    .filter((parameter) => !isTrackingParameter(parameter));
  // The parameters are slices of the parsed, escaped query: setting url.search would only parse them again.
  const searchStart = end - hash.length - search.length;
  return `${href.slice(0, searchStart)}${kept.length ? `?${kept.join('&')}` : ''}${hash}`;
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

/**
 * "http://…" or "https://…": a URL whose base is never read, so the feed's URL is not parsed again for it. (A
 * scheme without its "//", "https:path", is relative to an https base, and takes the long way.)
 */
function isAbsoluteHttp(text: string): boolean {
  return text.startsWith('https://') || text.startsWith('http://');
}

let checkedBase: string | undefined;
let checkedBaseValid = false;

/** new URL(text, base) throws for an invalid base whatever `text` is: the shortcut keeps that. Decided once per feed. */
function isValidBase(base: string): boolean {
  if (base !== checkedBase) {
    checkedBase = base;
    checkedBaseValid = URL.canParse(base);
  }
  return checkedBaseValid;
}
