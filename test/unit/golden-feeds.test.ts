import { readFileSync } from 'node:fs';
import { fixtureNames, goldenPath, readFixture } from '../helpers/golden';

// Golden files are written by test/helpers/write-goldens.ts and reviewed by a person; this test only compares.
describe('every fixture feed reads to its golden normalized postings', () => {
  test('the corpus covers every format jobfeed detects', async () => {
    const formats = new Set<string>();
    for (const fixture of fixtureNames()) {
      const golden = JSON.parse(readFileSync(goldenPath(fixture), 'utf8')) as { format?: string };
      if (golden.format) formats.add(golden.format);
    }
    expect([...formats].sort()).toEqual(
      [
        'arbeitnow',
        'ashby',
        'atom',
        'generic-json',
        'generic-xml',
        'greenhouse',
        'himalayas',
        'html-mapping',
        'indeed-xml',
        'jobatus',
        'jobrapido',
        'jooble',
        'jobicy',
        'json-feed',
        'json-ld',
        'json-mapping',
        'lever',
        'personio',
        'recruitee',
        'remoteok',
        'remotive',
        'rss',
        'smartrecruiters',
        'usajobs',
        'workable',
        'xml-mapping',
      ].sort(),
    );
  });

  test.each(fixtureNames())('%s', async (fixture) => {
    const expected: unknown = JSON.parse(readFileSync(goldenPath(fixture), 'utf8'));
    expect(await readFixture(fixture)).toEqual(expected);
  });
});
