import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_DIR } from './golden';

/** The golden files as recorded for one READER_VERSION (src/ingest/body-digest.ts). */
export interface ReaderVersionRecord {
  readerVersion: number;
  goldens: string;
}

export const READER_VERSION_RECORD = join(__dirname, '..', 'fixtures', 'reader-version.json');

/** sha256 over every golden file's name and content: what the readers store from the fixtures. */
export function goldensDigest(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(GOLDEN_DIR).sort())
    hash.update(`${name}\0`).update(readFileSync(join(GOLDEN_DIR, name)));
  return hash.digest('hex');
}

export function readRecord(): ReaderVersionRecord {
  return JSON.parse(readFileSync(READER_VERSION_RECORD, 'utf8')) as ReaderVersionRecord;
}

export function writeRecord(record: ReaderVersionRecord): void {
  writeFileSync(READER_VERSION_RECORD, `${JSON.stringify(record, null, 2)}\n`);
}
