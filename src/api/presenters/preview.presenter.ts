import type { z } from 'zod';
import type { PreviewReport } from '../../ingest/preview-feed';
import { ageOf } from '../age';
import type { previewResponse } from '../schemas/responses.schema';

/** The preview as the recruiter page shows it: postings as they will be listed, with their age. */
export function presentPreview(report: PreviewReport, now: Date): z.input<typeof previewResponse> {
  return {
    detectedFormat: report.detectedFormat,
    postings: report.postings.map((posting) => ({
      externalId: posting.externalId,
      title: posting.title,
      company: posting.company,
      snippet: posting.snippet,
      url: posting.url,
      postedAt: posting.postedAt?.toISOString() ?? null,
      age: ageOf(posting.postedAt ?? now, now),
      location: posting.location,
      remote: posting.remote,
      employmentType: posting.employmentType,
      salary: posting.salary,
      validThrough: posting.validThrough?.toISOString() ?? null,
    })),
    counts: report.counts,
    warnings: report.warnings,
    rejected: report.rejected,
  };
}
