import type { ParseReport } from './formats/format';

/**
 * Why this read must not expire the feed's postings, or null when it may. A document cut short, or one carrying
 * fewer than `minShare` of the postings active before it, looks like a broken read rather than closed jobs.
 */
export function whyExpiryWaits(
  report: ParseReport,
  validPostings: number,
  activeBefore: number,
  minShare: number,
): string | null {
  if (report.truncated) return 'the document was cut short';
  if (validPostings < activeBefore * minShare) {
    return `only ${validPostings} valid postings of ${activeBefore} active: fewer than EXPIRY_MIN_SHARE (${Math.round(minShare * 100)}%)`;
  }
  return null;
}
