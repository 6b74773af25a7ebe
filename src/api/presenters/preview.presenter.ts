import type { z } from 'zod';
import { toJsonPosting } from '../../domain/posting';
import type { PreviewReport } from '../../ingest/preview-feed';
import { ageOf } from '../../domain/age';
import type { previewResponse } from '../schemas/responses.schema';

/** The preview as the recruiter page shows it: postings as they will be listed, with their age. */
export function presentPreview(report: PreviewReport, now: Date): z.input<typeof previewResponse> {
  return {
    detectedFormat: report.detectedFormat,
    postings: report.postings.map((posting) => ({
      ...toJsonPosting(posting),
      age: ageOf(posting.postedAt ?? now, now),
    })),
    counts: report.counts,
    warnings: report.warnings,
    rejected: report.rejected,
    quality: report.quality,
  };
}
