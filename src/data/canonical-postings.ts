import type { Posting } from './posting.schema';

/** Feeds added by the CLI or an operator have no recruiter: all of them are the operator's. */
const OPERATOR = 'operator';

function ownerOf(posting: Pick<Posting, 'ownerId'>): string {
  return posting.ownerId ? String(posting.ownerId) : OPERATOR;
}

function firstSeenFirst(a: Posting, b: Posting): number {
  const bySeen = a.firstSeenAt.getTime() - b.firstSeenAt.getTime();
  if (bySeen !== 0) return bySeen;
  return String(a._id) < String(b._id) ? -1 : 1;
}

/**
 * One posting per job. Postings with one fingerprint are the same job when they have the same owner or the same
 * url; the job's canonical posting is the one seen first. A look-alike from another owner with a link of its own
 * is a posting of its own, so a newer feed can never take over a listing, its embed or its click-through.
 */
export function canonicalPostings(postings: Posting[]): Posting[] {
  const kept = new Map<string, Posting[]>();
  const canonical: Posting[] = [];
  for (const posting of [...postings].sort(firstSeenFirst)) {
    const sameFingerprint = kept.get(posting.fingerprint) ?? [];
    const owner = ownerOf(posting);
    if (sameFingerprint.some((other) => ownerOf(other) === owner || other.url === posting.url)) continue;
    sameFingerprint.push(posting);
    kept.set(posting.fingerprint, sameFingerprint);
    canonical.push(posting);
  }
  return canonical;
}
