import { ValidationError } from '../../src/errors';
import { parseFieldMapping } from '../../src/ingest/formats/field-mapping.schema';
import { normalizePosting } from '../../src/ingest/normalize/normalize-posting';
import type { RawPosting } from '../../src/domain/posting';
import { readFeed } from '../../src/ingest/read-feed';

async function readMapped(document: string, mapping: unknown): Promise<RawPosting[]> {
  const reading = await readFeed(
    (async function* () {
      yield Buffer.from(document);
    })(),
    { mapping: parseFieldMapping(mapping) },
  );
  const postings: RawPosting[] = [];
  for await (const posting of reading.postings) postings.push(posting);
  return postings;
}

function problems(fields: unknown): { field: string; message: string }[] {
  try {
    parseFieldMapping({ items: 'jobs', fields });
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('the mapping was accepted');
}

const jobs = (...items: object[]) => JSON.stringify({ jobs: items });

describe('a mapping field built from a template', () => {
  test('a URL template percent-encodes each value it inserts', async () => {
    const postings = await readMapped(jobs({ id: 'Sales/DE 12', name: 'Vertrieb' }), {
      items: 'jobs',
      fields: { title: 'name', url: 'https://acme.jobs.personio.de/job/{id}?lang={lang}', externalId: 'id' },
    });
    expect(postings[0]!.url).toBeUndefined();

    const [posting] = await readMapped(jobs({ id: 'Sales/DE 12', name: 'Vertrieb', lang: 'de&en' }), {
      items: 'jobs',
      fields: { title: 'name', url: 'https://acme.jobs.personio.de/job/{id}?lang={lang}' },
    });
    expect(posting!.url).toBe('https://acme.jobs.personio.de/job/Sales%2FDE%2012?lang=de%26en');
  });

  test('a text template inserts values as they are, from XML paths and attributes too', async () => {
    const xml =
      '<export><stelle nr="7"><titel>Koch &amp; Küche</titel><ort><stadt>Köln</stadt></ort></stelle></export>';
    const [posting] = await readMapped(xml, {
      items: 'stelle',
      fields: { title: '{titel} ({ort.stadt})', url: '/stellen/{@nr}' },
    });
    expect(posting).toEqual({ title: 'Koch & Küche (Köln)', url: '/stellen/7' });
  });

  test('an unbalanced or empty placeholder is refused, naming the field', () => {
    expect(problems({ title: 'name', url: 'https://x.example/{id' })).toEqual([
      { field: 'mapping.fields.url', message: 'has a { without its } (or the reverse)' },
    ]);
    expect(problems({ title: '{} at {city}', url: 'link' })).toEqual([
      { field: 'mapping.fields.title', message: 'has an empty {} placeholder' },
    ]);
  });
});

describe('a constant mapping field', () => {
  test('gives every posting the same value', async () => {
    const postings = await readMapped(
      jobs({ name: 'A', link: 'https://x.example/a' }, { name: 'B', link: 'https://x.example/b' }),
      { items: 'jobs', fields: { title: 'name', url: 'link', company: { const: 'Acme GmbH' } } },
    );
    expect(postings.map((p) => p.company)).toEqual(['Acme GmbH', 'Acme GmbH']);
  });

  test('an empty constant or an unknown key is refused, naming the field', () => {
    expect(problems({ title: 'name', url: 'link', company: { const: ' ' } })).toEqual([
      { field: 'mapping.fields.company.const', message: expect.stringMatching(/>=1 characters/) },
    ]);
    expect(problems({ title: 'name', url: 'link', company: { value: 'Acme' } })[0]!.field).toBe(
      'mapping.fields.company',
    );
  });
});

describe('a date field with a format', () => {
  const read = (value: string, format: string) =>
    readMapped(jobs({ name: 'A', link: 'https://x.example/a', posted: value }), {
      items: 'jobs',
      fields: { title: 'name', url: 'link', date: { path: 'posted', format } },
    }).then((postings) => postings[0]!.date);

  test.each([
    ['19/10/2026', 'dd/MM/yyyy', '2026-10-19T00:00:00.000Z'],
    ['5/3/2026', 'dd/MM/yyyy', '2026-03-05T00:00:00.000Z'],
    ['03-05-26', 'MM-dd-yy', '2026-03-05T00:00:00.000Z'],
    ['12.11.2026 08:30', 'dd.MM.yyyy HH:mm', '2026-11-12T08:30:00.000Z'],
    ['2026/11/12 8:05:09', 'yyyy/MM/dd HH:mm:ss', '2026-11-12T08:05:09.000Z'],
    ['12. Mär. 2026', 'dd. MMM yyyy', '2026-03-12T00:00:00.000Z'],
    ['1 février 2026', 'dd MMM yyyy', '2026-02-01T00:00:00.000Z'],
    ['14 de agosto de 2026', 'dd de MMM de yyyy', '2026-08-14T00:00:00.000Z'],
    ['Oct 2, 2026', 'MMM dd, yyyy', '2026-10-02T00:00:00.000Z'],
  ])('%s read as %s is %s', async (value, format, iso) => {
    expect(await read(value, format)).toBe(iso);
  });

  test.each([
    ['2026-10-19', 'dd/MM/yyyy'],
    ['31/02/2026', 'dd/MM/yyyy'],
    ['13/13/2026', 'dd/MM/yyyy'],
    ['12 jui 2026', 'dd MMM yyyy'],
  ])('%s does not match %s and is an unreadable date, not a guess', async (value, format) => {
    const date = await read(value, format);
    expect(date).toBe(`${value} ≠ ${format}`);
    const normalized = normalizePosting(
      { title: 'A', url: 'https://x.example/a', date },
      { feedUrl: 'https://x.example/', company: null, fetchedAt: new Date(), snippetLength: 160 },
    );
    expect(normalized).toMatchObject({ ok: true, posting: { postedAt: null } });
  });

  test('a format without day, month and year, or one that names a part twice, is refused', () => {
    expect(problems({ title: 'n', url: 'l', date: { path: 'd', format: 'MM/yyyy' } })).toEqual([
      {
        field: 'mapping.fields.date.format',
        message: 'must name the day (dd), the month (MM or MMM) and the year (yyyy or yy)',
      },
    ]);
    expect(problems({ title: 'n', url: 'l', validThrough: { path: 'd', format: 'dd/MM/yyyy yy' } })).toEqual([
      { field: 'mapping.fields.validThrough.format', message: 'names the year twice (yyyy and yy)' },
    ]);
  });

  test('only date fields take a format', () => {
    expect(problems({ title: 'n', url: 'l', company: { path: 'c', format: 'dd/MM/yyyy' } })).toEqual([
      { field: 'mapping.fields.company', message: expect.stringMatching(/^must be a path, a template/) },
    ]);
  });
});
