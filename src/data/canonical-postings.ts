import type { Model, Types } from 'mongoose';
import type { Posting } from './posting.schema';

/** What deciding a job's listed posting reads of each posting of its fingerprint. */
export type ListingCandidate = Pick<
  Posting,
  '_id' | 'fingerprint' | 'ownerId' | 'url' | 'firstSeenAt' | 'status'
> & { listed?: boolean };

/** Feeds added by the CLI or an operator have no recruiter: all of them are the operator's. */
const OPERATOR = 'operator';

function ownerOf(posting: Pick<Posting, 'ownerId'>): string {
  return posting.ownerId ? String(posting.ownerId) : OPERATOR;
}

function firstSeenFirst(a: ListingCandidate, b: ListingCandidate): number {
  const bySeen = a.firstSeenAt.getTime() - b.firstSeenAt.getTime();
  if (bySeen !== 0) return bySeen;
  return String(a._id) < String(b._id) ? -1 : 1;
}

/**
 * One posting per job. Active postings with one fingerprint are the same job when they have the same owner or the
 * same url; the job's canonical posting is the one seen first (then the lower _id). A look-alike from another owner
 * with a link of its own is a posting of its own, so a newer feed can never take over a listing, its embed or its
 * click-through.
 */
export function canonicalPostings<T extends ListingCandidate>(postings: T[]): T[] {
  const kept = new Map<string, T[]>();
  const canonical: T[] = [];
  for (const posting of postings.filter((p) => p.status === 'active').sort(firstSeenFirst)) {
    const sameFingerprint = kept.get(posting.fingerprint) ?? [];
    const owner = ownerOf(posting);
    if (sameFingerprint.some((other) => ownerOf(other) === owner || other.url === posting.url)) continue;
    sameFingerprint.push(posting);
    kept.set(posting.fingerprint, sameFingerprint);
    canonical.push(posting);
  }
  return canonical;
}

const CANDIDATE_FIELDS = { fingerprint: 1, ownerId: 1, url: 1, firstSeenAt: 1, status: 1, listed: 1 };
/** Fingerprints per read: as many as a write batch holds (MAX_BATCH_SIZE), so settling a batch is one read. */
const CHUNK = 5000;
/** Rounds one settle may take while other writers keep changing the same fingerprints; one or two in practice. */
const MAX_ROUNDS = 10;

/**
 * The `listed` flag: true on each job's canonical posting, false on every other posting, decided when postings are
 * written so that the recent list is one indexed range scan over `{ listed: true }`.
 *
 * New postings get their flag before the insert, from one read of their fingerprints' stored postings
 * (`decideNew`). Every other write that can change a fingerprint's choice (a rewrite, an expiry, a deletion), and an
 * insert into a fingerprint that read found postings of, is followed by `settle`: read the fingerprints' postings,
 * write the flags that differ from canonicalPostings' choice, and read again until a read finds nothing to change.
 * Writers racing on one fingerprint may briefly leave two postings listed, but a write followed by its writer's
 * read of the final state is then either agreed with or corrected, with no atomic conditional update relied on.
 *
 * The one write not followed by a read is the insert of a fingerprint's first postings (the read found none, and
 * every insert of the batch landed). Its flags are the choice among its own postings, so if another writer raced in
 * after that read, the end state lists the choice of each writer's postings side by side: wrong only with two
 * listed postings in one fingerprint, which `repair` (the scheduler's sweep) finds and settles. A duplicate listing
 * lasts at most one sweep interval.
 */
export function createListings(model: Model<Posting>) {
  const read = (fingerprints: string[]) =>
    model.find({ fingerprint: { $in: fingerprints } }, CANDIDATE_FIELDS).lean<ListingCandidate[]>();

  /** The postings whose flag differs from canonicalPostings' choice: to list, and to take off the list. */
  function flagChanges(postings: ListingCandidate[]): { list: Types.ObjectId[]; unlist: Types.ObjectId[] } {
    const chosen = new Set(canonicalPostings(postings).map((posting) => String(posting._id)));
    const changes = { list: [] as Types.ObjectId[], unlist: [] as Types.ObjectId[] };
    for (const posting of postings) {
      const listed = chosen.has(String(posting._id));
      if (posting.listed !== listed) (listed ? changes.list : changes.unlist).push(posting._id);
    }
    return changes;
  }

  /** Returns how many flags it wrote. */
  async function settleChunk(fingerprints: string[]): Promise<number> {
    let written = 0;
    for (let round = 1; ; round++) {
      const { list, unlist } = flagChanges(await read(fingerprints));
      if (!list.length && !unlist.length) return written;
      if (round === MAX_ROUNDS)
        throw new Error(`the listed postings of ${fingerprints.length} fingerprints keep changing`);
      // Only an active posting may be listed: an expiry that lands first wins.
      if (list.length)
        await model.updateMany({ _id: { $in: list }, status: 'active' }, { $set: { listed: true } });
      if (unlist.length) await model.updateMany({ _id: { $in: unlist } }, { $set: { listed: false } });
      written += list.length + unlist.length;
    }
  }

  /** Decides the listed posting of these fingerprints again; returns how many flags it wrote. */
  async function settle(fingerprints: Iterable<string>): Promise<number> {
    const all = [...new Set(fingerprints)];
    let written = 0;
    for (let start = 0; start < all.length; start += CHUNK)
      written += await settleChunk(all.slice(start, start + CHUNK));
    return written;
  }

  return {
    /**
     * Sets `listed` on postings about to be inserted, as the stored postings of their fingerprints and they decide
     * it, in one read. Returns the fingerprints that read found stored postings of: another writer may change
     * those, so `settle` of them must follow the insert (and of all, if an insert did not land).
     */
    async decideNew(postings: (ListingCandidate & { listed: boolean })[]): Promise<string[]> {
      if (!postings.length) return [];
      const stored = await read([...new Set(postings.map((posting) => posting.fingerprint))]);
      const chosen = new Set(
        canonicalPostings([...stored, ...postings]).map((posting) => String(posting._id)),
      );
      for (const posting of postings) posting.listed = chosen.has(String(posting._id));
      return [...new Set(stored.map((posting) => posting.fingerprint))];
    },

    settle,

    /**
     * Settles every fingerprint with more than one listed posting, the only trace a race of first inserts leaves
     * (a job carried by two owners with links of their own is listed twice, rightly, and read again each time);
     * returns how many flags it wrote.
     */
    async repair(): Promise<number> {
      const doubled = await model.aggregate<{ _id: string }>([
        { $match: { listed: true } },
        { $group: { _id: '$fingerprint', n: { $sum: 1 } } },
        { $match: { n: { $gt: 1 } } },
      ]);
      return settle(doubled.map((group) => group._id));
    },
  };
}
