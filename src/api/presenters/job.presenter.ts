import type { Posting } from '../../data/posting.schema';
import { ageOf } from '../../domain/age';

export interface JobSummary {
  id: string;
  title: string;
  company: string | null;
  snippet: string;
  url: string;
  postedAt: string | null;
  age: string;
  remote: boolean;
  workplace: Posting['workplace'];
  place: Posting['place'];
  category: Posting['category'] | null;
  seniority: Posting['seniority'];
}

export interface JobDetail extends JobSummary {
  location: string | null;
  employmentType: string | null;
  salary: Posting['salary'];
  validThrough: string | null;
}

export function presentJobSummary(posting: Posting, now: Date): JobSummary {
  return {
    id: String(posting._id),
    title: posting.title,
    company: posting.company ?? null,
    snippet: posting.snippet,
    url: posting.url,
    postedAt: posting.postedAt?.toISOString() ?? null,
    age: ageOf(posting.listedAt, now),
    remote: posting.remote,
    workplace: posting.workplace ?? null,
    place: posting.place ?? null,
    category: posting.category ?? null,
    seniority: posting.seniority ?? null,
  };
}

export function presentJobDetail(posting: Posting, now: Date): JobDetail {
  return {
    ...presentJobSummary(posting, now),
    location: posting.location ?? null,
    employmentType: posting.employmentType ?? null,
    salary: posting.salary ?? null,
    validThrough: posting.validThrough?.toISOString() ?? null,
  };
}
