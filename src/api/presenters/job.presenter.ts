import type { Posting } from '../../data/posting.schema';
import { ageOf } from '../age';

export interface JobSummary {
  id: string;
  title: string;
  company: string | null;
  snippet: string;
  url: string;
  postedAt: string | null;
  age: string;
}

export interface JobDetail extends JobSummary {
  location: string | null;
  remote: boolean;
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
  };
}

export function presentJobDetail(posting: Posting, now: Date): JobDetail {
  return {
    ...presentJobSummary(posting, now),
    location: posting.location ?? null,
    remote: posting.remote,
    employmentType: posting.employmentType ?? null,
    salary: posting.salary ?? null,
    validThrough: posting.validThrough?.toISOString() ?? null,
  };
}
