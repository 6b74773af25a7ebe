import { READER_VERSION } from '../../src/ingest/body-digest';
import { goldensDigest, readRecord } from '../helpers/reader-version';

/**
 * An unchanged feed body is not read again while its digest, seeded with READER_VERSION, matches the last run's. So
 * when what the readers store changes (the golden files change), READER_VERSION must be raised, or feeds keep the
 * postings the old code stored.
 */
test('the golden files are the ones recorded for this READER_VERSION', () => {
  const record = readRecord();
  const goldens = goldensDigest();
  if (goldens !== record.goldens)
    throw new Error(
      `the golden files changed since READER_VERSION ${record.readerVersion} was recorded: raise READER_VERSION in ` +
        'src/ingest/body-digest.ts, then run `node --import tsx test/helpers/write-goldens.ts --record-reader-version`',
    );
  expect(record.readerVersion).toBe(READER_VERSION);
});
