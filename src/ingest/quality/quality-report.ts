import type { NormalizedPosting } from '../../domain/posting';
import type { FeedItem } from '../normalize/normalize-feed';

/** The fields a quality report counts, in the order it lists them. */
export const QUALITY_FIELDS = [
  'title',
  'company',
  'url',
  'postedAt',
  'validThrough',
  'location',
  'country',
  'snippet',
  'employmentType',
  'salary',
  'workplace',
  'category',
] as const;
export type QualityField = (typeof QUALITY_FIELDS)[number];

export interface FieldPresence {
  present: number;
  /** Items the read saw, valid or not: a rejected item has none of its fields. */
  of: number;
}

export interface QualityReport {
  fields: Record<QualityField, FieldPresence>;
  warnings: string[];
}

/** The posting as the report reads it; fields later rules add are optional so older readings still count. */
type CountedPosting = NormalizedPosting & {
  workplace?: string | null;
  place?: { country?: string | null } | null;
  category?: string | null;
};

const PRESENT: Record<QualityField, (posting: CountedPosting) => boolean> = {
  title: (p) => Boolean(p.title),
  company: (p) => Boolean(p.company),
  url: (p) => Boolean(p.url),
  postedAt: (p) => p.postedAt !== null,
  validThrough: (p) => p.validThrough !== null,
  location: (p) => Boolean(p.location),
  country: (p) => Boolean(p.place?.country),
  snippet: (p) => Boolean(p.snippet),
  employmentType: (p) => p.employmentType !== null,
  salary: (p) => p.salary !== null,
  workplace: (p) => Boolean(p.workplace),
  category: (p) => Boolean(p.category) && p.category !== 'other',
};

/** A company that is a number, a reference or a date: "201710", "REQ-42", "13753 - Band 2". */
const CODE_LIKE_COMPANY = /^(?:[\d\s./:#-]+|[A-Z]{2,6}[-_ ]?\d+[\w-]*|\d+\s*-\s*.{0,20})$/;
const MAX_EXAMPLES = 3;
const REJECTED_SHARE_WARNING = 0.1;

/**
 * Tallies one read, item by item, into the quality report that the dry run, the preview and every stored run
 * carry: how many items have each field, and warnings for values that look wrong. Memory stays bounded: a few
 * counters and a handful of examples, whatever the feed's size.
 */
export class QualityTally {
  private seen = 0;
  private valid = 0;
  private readonly present = new Map<QualityField, number>(QUALITY_FIELDS.map((field) => [field, 0]));
  private withDescription = 0;
  private emptySnippetWithDescription = 0;
  private withRawDate = 0;
  private readonly codeLikeCompanies = new Set<string>();
  private codeLikeCompanyCount = 0;
  private companyFromItems = 0;
  private readonly companies = new Set<string>();
  private titlesFromCapitals = 0;
  private readonly recasedTitles: string[] = [];

  constructor(private readonly options: { configuredCompany: string | null }) {}

  add(item: FeedItem): void {
    const { raw } = item;
    this.seen++;
    const hasDescription = Boolean(raw.description?.trim());
    if (hasDescription) this.withDescription++;
    if (raw.date?.trim()) this.withRawDate++;
    if (!item.ok) return;
    const posting: CountedPosting = item.posting;
    this.valid++;
    for (const field of QUALITY_FIELDS) if (PRESENT[field](posting)) this.increment(field);
    if (hasDescription && !posting.snippet) this.emptySnippetWithDescription++;
    if (item.titleFromCapitals) {
      this.titlesFromCapitals++;
      if (this.recasedTitles.length < MAX_EXAMPLES) this.recasedTitles.push(posting.title);
    }
    if (posting.company) {
      if (raw.company?.trim()) this.companyFromItems++;
      if (this.companies.size < 2) this.companies.add(posting.company);
      if (CODE_LIKE_COMPANY.test(posting.company)) {
        this.codeLikeCompanyCount++;
        if (this.codeLikeCompanies.size < MAX_EXAMPLES) this.codeLikeCompanies.add(posting.company);
      }
    }
  }

  report(): QualityReport {
    const fields = Object.fromEntries(
      QUALITY_FIELDS.map((field) => [field, { present: this.present.get(field)!, of: this.seen }]),
    ) as Record<QualityField, FieldPresence>;
    return { fields, warnings: this.warnings() };
  }

  private increment(field: QualityField): void {
    this.present.set(field, this.present.get(field)! + 1);
  }

  private warnings(): string[] {
    const warnings: string[] = [];
    const { seen, valid } = this;
    const rejected = seen - valid;
    if (seen > 0 && rejected > seen * REJECTED_SHARE_WARNING)
      warnings.push(
        `${rejected} of ${seen} items were rejected (more than a tenth): see the rejected samples.`,
      );
    if (valid === 0) return warnings;
    // Dates that are there but cannot be read are warned about by normalizeFeed, with the feed's field name.
    if (this.withRawDate === 0)
      warnings.push(
        `No posting carries a date: every one of the ${valid} is dated when jobfeed first sees it.`,
      );
    if (this.emptySnippetWithDescription > 0)
      warnings.push(
        `${this.emptySnippetWithDescription} postings have a description but an empty snippet: their text is only labels or markup.`,
      );
    if (this.codeLikeCompanyCount > 0)
      warnings.push(
        `${this.codeLikeCompanyCount} postings have a company that looks like a number or code (${[...this.codeLikeCompanies].map((c) => JSON.stringify(c)).join(', ')}): check where the feed keeps the company.`,
      );
    if (valid >= 3 && this.companies.size === 1 && this.companyFromItems === 0) {
      const company = [...this.companies][0]!;
      const source =
        company === this.options.configuredCompany
          ? "the feed's configured company"
          : "the feed's own element";
      warnings.push(
        `All ${valid} postings carry one company, "${company}", from ${source} and none from the postings: if the feed lists several companies' jobs, map each posting's company.`,
      );
    }
    if (this.titlesFromCapitals > 0)
      warnings.push(
        `${this.titlesFromCapitals} postings have a title written in capitals, shown in title case (${this.recasedTitles.map((t) => JSON.stringify(t)).join(', ')}): an acronym jobfeed does not know may be cased as a word; send titles as they should read.`,
      );
    if (this.present.get('company') === 0)
      warnings.push(`No posting names its company: set the feed's company, or map where the feed keeps it.`);
    return warnings;
  }
}
