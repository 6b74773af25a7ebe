import { splitCompanyTitlesOf } from '../../src/ingest/formats/company-title';
import { readLabelledHeader } from '../../src/ingest/normalize/labels';
import { repairMojibake } from '../../src/ingest/normalize/mojibake';
import { normalizePosting, readDescription } from '../../src/ingest/normalize/normalize-posting';
import type { RawPosting } from '../../src/domain/posting';
import { readFeed } from '../../src/ingest/read-feed';
import { htmlToText } from '../../src/ingest/normalize/text';

const context = {
  feedUrl: 'https://partner.example/feed.xml',
  company: null,
  fetchedAt: new Date('2026-11-28T12:00:00Z'),
  snippetLength: 160,
};

function normalized(description: string, raw: Partial<RawPosting> = {}) {
  const result = normalizePosting(
    { title: 'Backend Engineer', url: 'https://x.example/1', description, ...raw },
    context,
  );
  if (!result.ok) throw new Error(`rejected: ${result.rejected.reason}`);
  return result.posting;
}

function rejection(raw: Partial<RawPosting>): string | null {
  const result = normalizePosting({ title: 'T', url: 'https://x.example/1', ...raw }, context);
  return result.ok ? null : result.rejected.reason;
}

describe('labelled headers', () => {
  test('the news sidebar posting with glued labels reads clean, its company from the header', () => {
    const posting = normalized(
      'Job title: Jr. Full Stack Developer Company: Leidos Job description: DescriptionJob Description:The Leidos Decision Advantage team builds tools for analysts.',
      { title: 'Jr. Full Stack Developer' },
    );
    expect(posting.snippet).toBe('The Leidos Decision Advantage team builds tools for analysts.');
    expect(posting.company).toBe('Leidos');
  });

  test("a stub between the template's description label and the partner's own is not the snippet", () => {
    const stubbed = (description: string) =>
      normalized(description, { title: 'Salesforce Developer' }).snippet;
    expect(
      stubbed(
        'Job title: Salesforce Developer Company: Han Staffing Job description: salesforce apex visual Job Description:Our client builds Apex classes.',
      ),
    ).toBe('Our client builds Apex classes.');
    expect(stubbed('Job description: Job Description: Our client builds Apex classes.')).toBe(
      'Our client builds Apex classes.',
    );
    // A sentence or a line before the label again is prose, and stays.
    expect(
      stubbed('Job description: Great team, great pay! Job Description: Our client builds Apex classes.'),
    ).toBe('Great team, great pay! Our client builds Apex classes.');
    expect(stubbed('Job description: apex\nvisual Job Description: Our client builds Apex classes.')).toBe(
      'apex visual Our client builds Apex classes.',
    );
    // Another label is no repetition: "Summary:" has a value of its own.
    expect(stubbed('Summary: remote apex work Job Description: Our client builds Apex classes.')).toBe(
      'remote apex work Our client builds Apex classes.',
    );
  });

  test('a staffing header repeated inside the description leaves the snippet, the end client is not the company', () => {
    const posting = normalized(
      'Job title: JAVA DEVELOPER Company: Northgate Staffing Job description: End Client: BIGBANK Title: Java Developer Location: Charlotte NC. Spring Boot and Kafka experience required.',
      { title: 'JAVA DEVELOPER' },
    );
    expect(posting.snippet).toBe('Spring Boot and Kafka experience required.');
    expect(posting.company).toBe('Northgate Staffing');
    expect(posting.location).toBe('Charlotte NC');
  });

  test('a remote board\'s "Headquarters:" and "URL:" lines stay out of the snippet', () => {
    const posting = normalized(
      '<p><strong>Headquarters:</strong> Porto, Portugal <br /><strong>URL:</strong> <a href="https://tidewater.example">https://tidewater.example</a></p><p>We build route planning for ferries.</p>',
    );
    expect(posting.snippet).toBe('We build route planning for ferries.');
    expect(posting.location).toBeNull();
  });

  test('"Location: Remote." is a location and remote, and the prose after it the snippet', () => {
    const posting = normalized('Location: Remote. We are a small team building tools for local newsrooms.');
    expect(posting).toMatchObject({
      location: 'Remote',
      remote: true,
      snippet: 'We are a small team building tools for local newsrooms.',
    });
  });

  test("values fill the fields the posting lacks, and the posting's own fields win", () => {
    const description =
      '<div>Vacancy Title:2611: Harbour Officer<br/>Vacancy Id:4471<br/>Role Type:Operational Delivery,Harbour Officer<br/>Salary:£28,150<br/>Location:Dunmore <br/>Closing Date:2026-12-20<br/>Job Type: Full-time</div>';
    const posting = normalized(description, { title: '2611: Harbour Officer' });
    expect(posting).toMatchObject({
      location: 'Dunmore',
      salary: { min: 28150, max: 28150, currency: 'GBP', period: null },
      employmentType: 'FULL_TIME',
      validThrough: new Date('2026-12-20T00:00:00Z'),
    });
    expect(normalized(description, { location: 'Harbourside', employmentType: 'Part time' })).toMatchObject({
      location: 'Harbourside',
      employmentType: 'PART_TIME',
    });
  });

  test('a description made only of labelled lines gets its snippet from the kind of role, not the labels', () => {
    const posting = normalized(
      'Vacancy Title:2611: Harbour Officer<br/>Vacancy Id:4471<br/>Role Type:Operational Delivery,Harbour Officer<br/>Salary:£28,150<br/>Location:Dunmore',
    );
    expect(posting.snippet).toBe('Operational Delivery,Harbour Officer');
    expect(normalized('Location: Tarrow<br>Salary: €41,000<br>Contract type: Permanent').snippet).toBe(
      'Tarrow · €41,000 · Permanent',
    );
  });

  test.each([
    [
      'German',
      'Stellenbezeichnung: Softwareentwickler (m/w/d)<br>Unternehmen: Nordlicht Logistik GmbH<br>Arbeitsort: Bremen<br>Gehalt: 58.000 € pro Jahr<br>Anstellungsart: Teilzeit<br>Bewerbungsfrist: 2026-12-31<p>Wir suchen Verstärkung für unser Plattform-Team.</p>',
      { company: 'Nordlicht Logistik GmbH', location: 'Bremen', employmentType: 'OTHER' },
      'Wir suchen Verstärkung für unser Plattform-Team.',
    ],
    [
      'French',
      "Intitulé du poste : Développeur back-end<br>Entreprise : Atelier Brume SAS<br>Lieu : Nantes<br>Salaire : 45 000 € par an<br>Type de contrat : CDI<br>Date limite : 2026-12-15<p>Nous cherchons une personne curieuse pour l'équipe produit.</p>",
      { company: 'Atelier Brume SAS', location: 'Nantes' },
      "Nous cherchons une personne curieuse pour l'équipe produit.",
    ],
    [
      'Spanish',
      'Puesto: Analista de datos<br>Empresa: Cooperativa Olivar<br>Ubicación: Sevilla<br>Salario: 32.000 € al año<br>Tipo de contrato: Indefinido<br>Fecha de cierre: 2026-12-10<p>Buscamos una persona para nuestro equipo de datos.</p>',
      { company: 'Cooperativa Olivar', location: 'Sevilla' },
      'Buscamos una persona para nuestro equipo de datos.',
    ],
    [
      'Dutch',
      'Functie: Servicemonteur<br>Bedrijf: Polderwerk BV<br>Locatie: Zwolle<br>Salaris: € 3.200 per maand<br>Dienstverband: Fulltime<br>Sluitingsdatum: 2026-12-05<p>Wij zoeken een monteur met rijbewijs B.</p>',
      { company: 'Polderwerk BV', location: 'Zwolle', employmentType: 'FULL_TIME' },
      'Wij zoeken een monteur met rijbewijs B.',
    ],
    [
      'Portuguese',
      'Cargo: Engenheira de software<br>Empresa: Maré Digital Lda<br>Localização: Braga<br>Salário: 2.100 € por mês<br>Tipo de contrato: Efetivo<br>Data de encerramento: 2026-12-01<p>Procuramos alguém para a equipa de pagamentos.</p>',
      { company: 'Maré Digital Lda', location: 'Braga' },
      'Procuramos alguém para a equipa de pagamentos.',
    ],
  ])(
    'in %s, labels leave the snippet and fill company, location, salary and closing date',
    (_, html, fields, snippet) => {
      const posting = normalized(html);
      expect(posting).toMatchObject(fields);
      expect(posting.snippet).toBe(snippet);
      expect(posting.salary?.min).toBeGreaterThan(1000);
      expect(posting.validThrough).not.toBeNull();
    },
  );

  test('labels are read in any case and order, glued to their values or to each other', () => {
    const { header } = readLabelledHeader('COMPANY:Quayside Foods Job title:Line Cook LOCATION : Leith');
    expect(header).toEqual({ company: 'Quayside Foods', title: 'Line Cook', location: 'Leith' });
    expect(normalized('Job title:Line Cook Company:Quayside Foods We cook for the harbour.')).toMatchObject({
      company: 'Quayside Foods',
      snippet: 'We cook for the harbour.',
    });
  });

  test.each([
    ['Note: we meet at 10:30 every day in the harbour office.'],
    ['Interviews run 09:00-17:00, see https://x.example/jobs for the schedule.'],
    ['Requirements: five years of Go, and patience with legacy systems.'],
  ])('a colon that is no label stays in the snippet: %j', (text) => {
    expect(normalized(text).snippet).toBe(text);
  });

  test('a label never swallows the prose after it: a value longer than a value is prose', () => {
    const prose =
      'Our team is spread across Europe and meets twice a year in Lisbon for a week of planning and long dinners';
    const posting = normalized(`Location: ${prose}.`);
    expect(posting.location).toBeNull();
    expect(posting.snippet).toBe(`${prose}.`);
  });

  test('a value ends where its line ends, not at the next sentence', () => {
    expect(normalized('<p>Company: Kestrel Robotics</p><p>We build drones for farms</p>').company).toBe(
      'Kestrel Robotics',
    );
  });
});

describe('labelled headers cost bounded work', () => {
  test.each([
    ['plain', (body: string) => body],
    ['in a paragraph', (body: string) => `<p>${body}</p>`],
    ['one label a line', (body: string) => body.replace(/ title:/g, '<br>title:')],
  ])('250 KB of "title: a " (%s) is read from a bounded prefix, with at most 40 labels', (_, wrap) => {
    const html = wrap('title: a '.repeat(28_000));
    const reading = readDescription(html, 'Engineer', 160);
    expect(reading.labels).toBe(40);
    expect(reading.charsRead).toBeLessThan(12_000);
    const posting = normalized(html, { title: 'Engineer' });
    expect(posting.snippet.length).toBeLessThanOrEqual(160);
    expect(posting.title).toBe('Engineer');
  });

  test.each([
    ['colons without labels', 'a:'.repeat(125_000)],
    ['one long value', `Location: ${'x'.repeat(250_000)}`],
    ['labels without values', 'Company: '.repeat(28_000)],
    ['spaces and line breaks', `<p>${' \n'.repeat(125_000)}</p>Location: Leith`],
    ['headings', 'Description '.repeat(21_000)],
  ])('adversarial label text (%s) is read from a bounded prefix', (_, html) => {
    const reading = readDescription(html, 'Engineer', 160);
    expect(reading.labels).toBeLessThanOrEqual(40);
    expect(reading.charsRead).toBeLessThan(12_000);
  });

  test('the work grows with the header read, not with the description: 10 KB and 1 MB read the same prefix', () => {
    const small = readDescription('title: a '.repeat(1_200), 'Engineer', 160);
    const large = readDescription('title: a '.repeat(120_000), 'Engineer', 160);
    expect(large.charsRead).toBe(small.charsRead);
  });
});

describe('text repair', () => {
  test.each([
    ['Weâ€™re hiring â€“ join us', 'We’re hiring – join us'],
    ['CafÃ© in ZÃ¼rich', 'Café in Zürich'],
    ['â€œQuotedâ€\u009d text', '“Quoted” text'],
    ['Salary Â£40,000', 'Salary £40,000'],
  ])('double-encoded UTF-8 %j is repaired', (broken, repaired) => {
    expect(repairMojibake(broken)).toBe(repaired);
    expect(htmlToText(`<p>${broken}</p>`)).toBe(repaired);
  });

  test.each([['Zürich'], ['São Paulo'], ['«é»'], ['l’été’ est'], ['naïve façade — 10 €']])(
    'text that is right stays as it is: %j',
    (text) => {
      expect(repairMojibake(text)).toBe(text);
    },
  );

  test('an anti-spam footer is not in the snippet', () => {
    expect(
      normalized(
        'Build the billing service in Rust. Please mention the word **HARBOR** and tag RMTAxLjIzLjQ1Ljc4 when applying to show you read the job post completely (#RMTAxLjIzLjQ1Ljc4).',
      ).snippet,
    ).toBe('Build the billing service in Rust.');
  });

  test('application instructions are not in the snippet, "apply" in prose is', () => {
    expect(
      normalized('<p>Maintain our tide models.</p><p>To apply: send your CV to jobs@x.example</p>').snippet,
    ).toBe('Maintain our tide models.');
    expect(normalized('<p>Maintain our tide models.</p><h3>How to apply</h3><p>Send a CV.</p>').snippet).toBe(
      'Maintain our tide models.',
    );
    expect(normalized('You will apply statistics to tide data.').snippet).toBe(
      'You will apply statistics to tide data.',
    );
  });

  test('logo images, their alt texts and tracking pixels stay out of the snippet', () => {
    expect(
      normalized(
        '<img src="https://x.example/logo.gif" alt="Company logo"><p>Maintain our tide models.</p><img width=1 height=1 src="https://t.example/p.gif">',
      ).snippet,
    ).toBe('Maintain our tide models.');
    expect(normalized('![Company logo](https://x.example/logo.png) Maintain our tide models.').snippet).toBe(
      'Maintain our tide models.',
    );
  });
});

describe('items that are no posting', () => {
  test.each([
    [{ title: 'No new matches this run' }, 'not a posting: a status message'],
    [{ title: 'No jobs found' }, 'not a posting: a status message'],
    [{ title: 'Keine neuen Stellen' }, 'not a posting: a status message'],
    [
      { title: 'Terms of use', description: 'By using this feed you agree to our terms.' },
      'not a posting: a legal notice',
    ],
    [
      { title: 'Important', description: 'By using this feed you agree to the terms.' },
      'not a posting: a legal notice',
    ],
    [{ title: 'Untitled' }, 'not a posting: an empty stub'],
    [{ title: '—' }, 'not a posting: an empty stub'],
    [{ title: 'Test job, do not apply' }, 'not a posting: a placeholder'],
    [
      { title: 'Barista', description: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.' },
      'not a posting: a placeholder',
    ],
  ])('%j is rejected: %s', (raw, reason) => {
    expect(rejection(raw)).toBe(reason);
  });

  test.each([
    [{ title: 'Test Engineer', description: 'Write test plans for our payment terminals.' }],
    [{ title: 'Legal Counsel', description: 'Copyright and licensing work for a publisher.' }],
    [
      {
        title: 'Important',
        description: 'By using this feed you agree…',
        company: 'Acme',
        location: 'Leeds',
      },
    ],
  ])('%j is a posting', (raw) => {
    expect(rejection(raw)).toBeNull();
  });
});

describe('"Company: Title" item titles', () => {
  const report = () => ({ warnings: [] as string[] });
  const items = (...titles: string[]): RawPosting[] =>
    titles.map((title) => ({ title, url: 'https://x.example/' }));

  test("are split when most of the feed's titles show the pattern, and the run says so", () => {
    const r = report();
    const postings = splitCompanyTitlesOf(
      items('Tidewater Labs: Data Engineer', 'Kestrel Robotics: Firmware Engineer', 'Night Editor'),
      r,
    );
    expect(postings.map((p) => [p.company, p.title])).toEqual([
      ['Tidewater Labs', 'Data Engineer'],
      ['Kestrel Robotics', 'Firmware Engineer'],
      [undefined, 'Night Editor'],
    ]);
    expect(r.warnings).toEqual(['item titles read as "Company: Title" (2 of 3 items)']);
  });

  test('are kept whole when few titles show it', () => {
    const r = report();
    const postings = splitCompanyTitlesOf(
      items('Tidewater Labs: Data Engineer', 'Night Editor', 'Sub-editor'),
      r,
    );
    expect(postings[0]).toEqual(items('Tidewater Labs: Data Engineer')[0]);
    expect(r.warnings).toEqual([]);
  });

  test('are kept whole when exactly half of the titles show it: most means more than half', () => {
    const r = report();
    const titles = [
      'Tidewater Labs: Data Engineer',
      'Kestrel Robotics: Firmware Engineer',
      'Night Editor',
      'Sub-editor',
    ];
    expect(splitCompanyTitlesOf(items(...titles), r)).toEqual(items(...titles));
    expect(r.warnings).toEqual([]);
  });

  test('are split when three of five titles show it', () => {
    const r = report();
    const postings = splitCompanyTitlesOf(
      items(
        'Tidewater Labs: Data Engineer',
        'Kestrel Robotics: Firmware Engineer',
        'Quayside Foods: Cook',
        'Night Editor',
        'Sub-editor',
      ),
      r,
    );
    expect(postings.map((p) => p.company)).toEqual([
      'Tidewater Labs',
      'Kestrel Robotics',
      'Quayside Foods',
      undefined,
      undefined,
    ]);
    expect(r.warnings).toEqual(['item titles read as "Company: Title" (3 of 5 items)']);
  });

  test.each([
    [['Tidewater Labs: Data Engineer']],
    [['Tidewater Labs: Data Engineer', 'Kestrel Robotics: Firmware Engineer']],
    [['Tidewater Labs: Data Engineer', 'Night Editor']],
  ])('a feed of fewer than three titles decides nothing: %j stays whole', (titles) => {
    const r = report();
    expect(splitCompanyTitlesOf(items(...titles), r)).toEqual(items(...titles));
    expect(r.warnings).toEqual([]);
  });

  test.each([
    ['201710: Prison Officer'],
    ['REQ-42: Site Supervisor'],
    ['2026/11: Graduate intake'],
    ['Urgent: Night Nurse'],
    ['Job title: Welder'],
  ])('a number, a reference, a date or a label is no company: %j', (title) => {
    const r = report();
    const postings = splitCompanyTitlesOf(items(title, title, title), r);
    expect(postings[0]).toEqual(items(title)[0]);
    expect(r.warnings).toEqual([]);
  });

  test('the decision is made on the first items of a streamed feed and holds for the rest', async () => {
    const entries = Array.from({ length: 30 }, (_, i) =>
      i < 20
        ? `<item><title>Quayside Foods: Cook ${i}</title><link>https://x.example/${i}</link></item>`
        : `<item><title>Porter: night shift ${i}</title><link>https://x.example/${i}</link></item>`,
    );
    const reading = await readFeed(
      (async function* () {
        yield Buffer.from(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>c</title>${entries.join('')}</channel></rss>`,
        );
      })(),
      {},
    );
    const postings: RawPosting[] = [];
    for await (const posting of reading.postings) postings.push(posting);
    expect(postings[0]).toMatchObject({ company: 'Quayside Foods', title: 'Cook 0' });
    expect(postings[25]).toMatchObject({ company: 'Porter', title: 'night shift 25' });
    expect(reading.report.warnings).toEqual([
      'item titles read as "Company: Title" (20 of the first 20 items)',
    ]);
  });
});

describe('company order', () => {
  async function companies(xml: string, company: string | null = null): Promise<(string | null)[]> {
    const reading = await readFeed(
      (async function* () {
        yield Buffer.from(xml);
      })(),
      {},
    );
    const found: (string | null)[] = [];
    for await (const raw of reading.postings) {
      const result = normalizePosting(raw, { ...context, company });
      if (result.ok) found.push(result.posting.company);
    }
    return found;
  }

  test("the item's field, then the labelled header, then the feed's publisher, then the configured company", async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
      <title>Careers</title><dc:publisher>Harbour Trust</dc:publisher>
      <item><title>Warden</title><link>https://x.example/1</link><company>Dock Co</company><description>Company: Other Ltd We patrol.</description></item>
      <item><title>Guide</title><link>https://x.example/2</link><description>Company: Ferry Ltd We sail.</description></item>
      <item><title>Clerk</title><link>https://x.example/3</link><description>We file.</description></item>
    </channel></rss>`;
    expect(await companies(rss, 'Configured')).toEqual(['Dock Co', 'Ferry Ltd', 'Harbour Trust']);
    expect(await companies(rss.replace(/<dc:publisher>.*<\/dc:publisher>/, ''), 'Configured')).toEqual([
      'Dock Co',
      'Ferry Ltd',
      'Configured',
    ]);
  });

  test("an RSS managingEditor names the company by its name, never its address; Atom by the feed's author", async () => {
    const rss = (editor: string) =>
      `<rss version="2.0"><channel><title>c</title><managingEditor>${editor}</managingEditor><item><title>Clerk</title><link>https://x.example/3</link></item></channel></rss>`;
    expect(await companies(rss('jobs@harbour.example (Harbour Trust)'))).toEqual(['Harbour Trust']);
    expect(await companies(rss('jobs@harbour.example'))).toEqual([null]);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>c</title><author><name>Harbour Trust</name></author>
      <entry><id>1</id><title>Clerk</title><link href="https://x.example/1"/></entry>
      <entry><id>2</id><title>Guide</title><link href="https://x.example/2"/><author><name>Ferry Ltd</name></author></entry></feed>`;
    expect(await companies(atom)).toEqual(['Harbour Trust', 'Ferry Ltd']);
  });
});
