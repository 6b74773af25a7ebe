import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares digests of equal length, so the time taken says nothing about the token or its length. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = presentedToken(header);
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function presentedToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme = '', credentials = ''] = header.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return credentials || undefined;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? undefined : decoded.slice(colon + 1);
  }
  return undefined;
}
