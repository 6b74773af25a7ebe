/** schema.org JobPosting employmentType values. */
export const EMPLOYMENT_TYPES = [
  'FULL_TIME',
  'PART_TIME',
  'CONTRACTOR',
  'TEMPORARY',
  'INTERN',
  'VOLUNTEER',
  'PER_DIEM',
  'OTHER',
] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const SALARY_PERIODS = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];

export const WORKPLACES = ['remote', 'hybrid', 'onsite'] as const;
export type Workplace = (typeof WORKPLACES)[number];

/** The fixed list a posting's category is one of; `other` when no term decides. */
export const CATEGORIES = [
  'engineering',
  'data',
  'design',
  'product',
  'sales',
  'marketing',
  'customer-support',
  'operations',
  'finance',
  'legal',
  'hr',
  'healthcare',
  'education',
  'hospitality',
  'logistics',
  'manufacturing',
  'public-sector',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SENIORITIES = ['intern', 'junior', 'mid', 'senior', 'lead', 'executive'] as const;
export type Seniority = (typeof SENIORITIES)[number];

/** Where the job is: country as an ISO 3166-1 alpha-2 code. */
export interface Place {
  city: string | null;
  region: string | null;
  country: string | null;
}

export interface Salary {
  min: number | null;
  max: number | null;
  currency: string | null;
  period: SalaryPeriod | null;
}

/** A posting as a partner format reads it: raw strings, nothing cleaned yet. */
export interface RawPosting {
  externalId?: string;
  title?: string;
  company?: string;
  description?: string;
  url?: string;
  date?: string;
  validThrough?: string;
  location?: string;
  /** The location's parts, for readers whose feed has them as separate elements; `location` still holds them joined. */
  city?: string;
  region?: string;
  country?: string;
  /** Workplace as the feed states it ("true", "remote", "hybrid", "TELECOMMUTE"); "remote" for a remote-only board. */
  remote?: string;
  /** The posting's tags or categories as the feed lists them ("Remote", "Engineering"). */
  tags?: string[];
  employmentType?: string;
  salary?: string;
  /**
   * The organisation the feed as a whole names (Atom's feed-level author, RSS's dc:publisher or managingEditor
   * name): the company when neither the item nor its description names one.
   */
  feedCompany?: string;
}

/** The normalized posting contract of ARCHITECTURE.md. */
export interface NormalizedPosting {
  externalId: string;
  title: string;
  company: string | null;
  snippet: string;
  url: string;
  postedAt: Date | null;
  validThrough: Date | null;
  location: string | null;
  /** Kept for widgets: workplace === 'remote'. */
  remote: boolean;
  workplace: Workplace | null;
  place: Place | null;
  category: Category;
  seniority: Seniority | null;
  employmentType: EmploymentType | null;
  salary: Salary | null;
}

/** A normalized posting as JSON carries it: dates as ISO 8601 strings. */
export type JsonPosting = Omit<NormalizedPosting, 'postedAt' | 'validThrough'> & {
  postedAt: string | null;
  validThrough: string | null;
};

/**
 * The posting with its dates already strings, fields in contract order. Converting them here keeps JSON.stringify
 * on its fast path, which it leaves for objects with a toJSON method such as Date (twice as slow).
 */
export function toJsonPosting(posting: NormalizedPosting): JsonPosting {
  return {
    externalId: posting.externalId,
    title: posting.title,
    company: posting.company,
    snippet: posting.snippet,
    url: posting.url,
    postedAt: posting.postedAt?.toISOString() ?? null,
    validThrough: posting.validThrough?.toISOString() ?? null,
    location: posting.location,
    remote: posting.remote,
    workplace: posting.workplace,
    place: posting.place,
    category: posting.category,
    seniority: posting.seniority,
    employmentType: posting.employmentType,
    salary: posting.salary,
  };
}

/** A normalized posting with the hashes the store needs: cross-feed identity and change detection. */
export interface PreparedPosting extends NormalizedPosting {
  fingerprint: string;
  contentHash: string;
}

export interface RejectedItem {
  reason: string;
  sample: string;
}
