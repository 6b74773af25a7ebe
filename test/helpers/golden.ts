import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../src/errors';
import { parseFieldMapping } from '../../src/ingest/formats/field-mapping.schema';
import { withStoreHashes } from '../../src/ingest/normalize/hashes';
import { normalizeFeed } from '../../src/ingest/normalize/normalize-feed';
import type { RejectedItem } from '../../src/domain/posting';
import { QualityTally, type QualityReport } from '../../src/ingest/quality/quality-report';
import { readFeed } from '../../src/ingest/read-feed';
import { FIXTURE_FEEDS } from './fixture-server';

export const FIXTURE_MAPPINGS = join(__dirname, '..', 'fixtures', 'mappings');
export const GOLDEN_DIR = join(__dirname, '..', 'fixtures', 'golden');
export const GOLDEN_FETCHED_AT = new Date('2026-11-28T12:00:00Z');

/**
 * What a fixture needs beyond its bytes: the HTTP header that names its charset, the feed's configured company, the
 * address it is served from when that matters (a Personio feed's host names its account).
 */
export const FIXTURE_CONTEXT: Record<string, { contentType?: string; company?: string; feedUrl?: string }> = {
  'iso-8859-1-header.xml': { contentType: 'application/xml; charset=iso-8859-1' },
  'lever.json': { company: 'Lab Robotics' },
  'personio.xml': { feedUrl: 'https://nordlicht-robotik.jobs.personio.de/xml?language=en' },
};

export type GoldenResult =
  | {
      format: string;
      charset: string;
      postings: unknown[];
      rejected: RejectedItem[];
      warnings: string[];
      quality: QualityReport;
    }
  | { error: string };

/** Every fixture feed: the files of the feeds folder but its README, which says where each one's structure comes from. */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_FEEDS)
    .filter((name) => name !== 'README.md')
    .sort();
}

/** The field mapping stored beside a fixture (mappings/<fixture>.json), for feeds in no standard format. */
export function mappingPath(fixture: string): string | undefined {
  const path = join(FIXTURE_MAPPINGS, `${fixture}.json`);
  return existsSync(path) ? path : undefined;
}

export function goldenPath(fixture: string): string {
  return join(GOLDEN_DIR, `${fixture}.json`);
}

/** A fixture read, normalized and hashed as a feed at https://partner.example/feeds/<fixture> (or its feedUrl) would be, at a fixed time. */
export async function readFixture(fixture: string): Promise<GoldenResult> {
  const context = FIXTURE_CONTEXT[fixture] ?? {};
  const mapping = mappingPath(fixture);
  const feedUrl = context.feedUrl ?? `https://partner.example/feeds/${fixture}`;
  try {
    const reading = await readFeed(createReadStream(join(FIXTURE_FEEDS, fixture), { highWaterMark: 4096 }), {
      contentType: context.contentType,
      mapping: mapping ? parseFieldMapping(JSON.parse(await readFile(mapping, 'utf8'))) : null,
      url: feedUrl,
    });
    const postings: unknown[] = [];
    const rejected: RejectedItem[] = [];
    const normalizeContext = {
      feedUrl,
      company: context.company ?? null,
      fetchedAt: GOLDEN_FETCHED_AT,
      snippetLength: 160,
    };
    const quality = new QualityTally({ configuredCompany: normalizeContext.company });
    for await (const result of normalizeFeed(reading.postings, normalizeContext, {
      report: reading.report,
      quality,
    })) {
      if (result.ok)
        postings.push(JSON.parse(JSON.stringify(withStoreHashes(result.posting, result.raw.date))));
      else rejected.push(result.rejected);
    }
    return {
      format: reading.format.name,
      charset: reading.charset,
      postings,
      rejected,
      warnings: reading.report.warnings,
      quality: quality.report(),
    };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
