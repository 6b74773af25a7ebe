import type { z } from 'zod';
import type { Posting } from '../../data/posting.schema';
import { ageOf } from '../../domain/age';
import type { RankedPosting } from '../context-rank';
import type { jobDetail, jobSummary } from '../schemas/responses.schema';

/** The response schemas are the source of these shapes: the presenters fill them, never restate them. */
export type JobSummary = z.input<typeof jobSummary>;
export type JobDetail = z.input<typeof jobDetail>;

export function presentJobSummary(posting: RankedPosting, now: Date): JobSummary {
  return { ...presentJob(posting, now), matched: posting.matched ?? [] };
}

export function presentJobDetail(posting: Posting, now: Date): JobDetail {
  return {
    ...presentJob(posting, now),
    location: posting.location ?? null,
    employmentType: posting.employmentType ?? null,
    salary: posting.salary ?? null,
    validThrough: posting.validThrough?.toISOString() ?? null,
  };
}

/** The fields a posting shows in a list and on its own. */
function presentJob(posting: Posting, now: Date): Omit<JobSummary, 'matched'> {
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
