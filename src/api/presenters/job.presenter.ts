import type { z } from 'zod';
import type { Posting } from '../../data/posting.schema';
import { ageOf } from '../../domain/age';
import type { jobDetail, jobSummary } from '../schemas/responses.schema';

/** The response schemas are the source of these shapes: the presenters fill them, never restate them. */
export type JobSummary = z.input<typeof jobSummary>;
export type JobDetail = z.input<typeof jobDetail>;

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
