import { hash } from 'node:crypto';
import type { NormalizedPosting, PreparedPosting } from '../../domain/posting';

/** Cannot occur in a field: normalized text has its control characters removed. */
const FIELD_SEPARATOR = '\u0000';

function sha1(text: string): string {
  return hash('sha1', text, 'hex');
}

function identityText(value: string | null): string {
  return (value ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A normalized posting with the hashes the store needs; `rawDate` is the partner's date text. */
export function withStoreHashes(posting: NormalizedPosting, rawDate: string | undefined): PreparedPosting {
  return { ...posting, fingerprint: fingerprintOf(posting), contentHash: contentHashOf(posting, rawDate) };
}

/** The same job posted on several feeds: normalized title, company and location. */
export function fingerprintOf(posting: Pick<NormalizedPosting, 'title' | 'company' | 'location'>): string {
  return sha1([posting.title, posting.company, posting.location].map(identityText).join('|'));
}

/** Changes whenever a stored field would change; the raw date text stands in for postedAt, which relative dates move. */
export function contentHashOf(posting: NormalizedPosting, rawDate: string | undefined): string {
  const { salary, place } = posting;
  return sha1(
    [
      posting.externalId,
      posting.title,
      posting.company,
      posting.snippet,
      posting.url,
      posting.validThrough?.getTime(),
      posting.location,
      posting.remote,
      posting.workplace,
      place && `${place.city} ${place.region} ${place.country}`,
      posting.category,
      posting.seniority,
      posting.employmentType,
      salary && `${salary.min} ${salary.max} ${salary.currency} ${salary.period}`,
      rawDate,
    ].join(FIELD_SEPARATOR),
  );
}

/** A stable id for postings whose feed gives none. */
export function externalIdFromUrl(url: string): string {
  return `url-${sha1(url).slice(0, 24)}`;
}
