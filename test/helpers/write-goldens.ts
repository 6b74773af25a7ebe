/**
 * Writes the golden file of each fixture named (or of every fixture): `node --import tsx test/helpers/write-goldens.ts
 * [fixture…]`. Review the diff before committing it; the golden test only compares, it never writes.
 *
 * `--record-reader-version` records the golden files for the current READER_VERSION, which must have been raised
 * since the last record (test/unit/reader-version.test.ts).
 */
import { writeFile } from 'node:fs/promises';
import { READER_VERSION } from '../../src/ingest/body-digest';
import { fixtureNames, goldenPath, readFixture } from './golden';
import { goldensDigest, readRecord, writeRecord } from './reader-version';

function recordReaderVersion(): void {
  const record = readRecord();
  const goldens = goldensDigest();
  if (goldens === record.goldens) return void process.stdout.write('the goldens are already recorded\n');
  if (READER_VERSION <= record.readerVersion)
    throw new Error(`raise READER_VERSION (now ${READER_VERSION}) in src/ingest/body-digest.ts first`);
  writeRecord({ readerVersion: READER_VERSION, goldens });
  process.stdout.write(`recorded the goldens for READER_VERSION ${READER_VERSION}\n`);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--record-reader-version') return recordReaderVersion();
  const names = process.argv.slice(2);
  for (const fixture of names.length ? names : fixtureNames()) {
    await writeFile(goldenPath(fixture), `${JSON.stringify(await readFixture(fixture), null, 2)}\n`);
    process.stdout.write(`wrote ${goldenPath(fixture)}\n`);
  }
}

void main();
