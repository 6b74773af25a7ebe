import { createHash } from 'node:crypto';
import type { NormalizedPosting } from '../posting';

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function identityText(value: string | null): string {
  return (value ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The same job posted on several feeds: normalized title, company and location. */
export function fingerprintOf(posting: Pick<NormalizedPosting, 'title' | 'company' | 'location'>): string {
  return sha1([posting.title, posting.company, posting.location].map(identityText).join('|'));
}

/** Changes whenever a stored field would change; the raw date text stands in for postedAt, which relative dates move. */
export function contentHashOf(posting: NormalizedPosting, rawDate: string | undefined): string {
  const { postedAt: _postedAt, ...rest } = posting;
  return sha1(JSON.stringify([rest, rawDate ?? null]));
}

/** A stable id for postings whose feed gives none. */
export function externalIdFromUrl(url: string): string {
  return `url-${sha1(url).slice(0, 24)}`;
}
