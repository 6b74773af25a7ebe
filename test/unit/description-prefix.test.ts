import { normalizePosting } from '../../src/ingest/normalize/normalize-posting';
import { HtmlTextReader } from '../../src/ingest/normalize/html-text-reader';
import { PlainMarkupText } from '../../src/ingest/normalize/plain-markup';
import { FragmentText, htmlToLines, htmlToText } from '../../src/ingest/normalize/text';
import { seededRandom } from '../bench/feed-generator';

const context = {
  feedUrl: 'https://partner.example/feed.xml',
  company: null,
  fetchedAt: new Date('2026-11-28T12:00:00Z'),
  snippetLength: 160,
};

const WORDS = 'team builds reliable services for customers you will design review and ship features'.split(
  ' ',
);
/** Labels, some split by inline markup: a prefix can end in the middle of one. */
const LABELS = [
  'Job title:',
  'Company:',
  'Location:',
  'Job Description:',
  'Job <b>Description:</b>',
  '<b>Position Description</b>:',
  '<i>Job</i> title:',
  'Com<b>pany</b>:',
  'Description',
  'Summary:',
  'Title:',
];
/** Markup the plain reader reads itself. */
const PLAIN_MARKUP = [
  '<p>',
  '</p>',
  '<b>',
  '</b>',
  '<br>',
  '<br/>',
  '<li>',
  '<P class=intro>',
  '</P >',
  '<div class="x" data-note=\'a > b\'>',
  '</div>',
  '<a href="https://x.example/?a=1&amp;b=2" title="<b>" hidden>',
  '</a>',
  '<img src=/logo.png alt="">',
  '<h3 id=about-the-role>',
  '</h3>',
];
/** Markup it hands to the tokenizer: comments, raw text and dropped elements, and tags it does not call plain. */
const ODD_MARKUP = [
  '<!-- note -->',
  '<script>track("<p>")</script>',
  '<style>p { color: red }</style>',
  '<title>T &amp; C</title>',
  '<noscript>enable JS</noscript>',
  ' a < b ',
  '</ p>',
  '</3>',
  '<a:b>',
  "<a b='x'c>",
  '</p foo>',
  '<![CDATA[x]]>',
  '<?php echo 1 ?>',
  '<span',
];
const ENTITIES = ['&nbsp;', '&#8217;', '&eacute;', '&quot;'];

/** Descriptions built from the pieces partner HTML is made of, labels and markup landing anywhere. */
function randomDescription(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const pieces: string[] = [];
  const length = 20 + Math.floor(random() * 400);
  for (let i = 0; i < length; i++) {
    const roll = random();
    if (roll < 0.08) pieces.push(` ${pick(LABELS)} `);
    else if (roll < 0.085) pieces.push(pick(ODD_MARKUP));
    else if (roll < 0.2) pieces.push(pick(PLAIN_MARKUP));
    else if (roll < 0.24) pieces.push(pick(ENTITIES));
    else pieces.push(` ${pick(WORDS)}`);
  }
  return pieces.join('');
}

describe('plain markup reads as the htmlparser2 tokenizer reads it', () => {
  test('the whole text of 2,000 generated fragments, or a refusal the tokenizer then takes over', () => {
    const random = seededRandom(7);
    let read = 0;
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const html = randomDescription(random);
      const plain = new PlainMarkupText(html);
      plain.target = Infinity;
      if (!plain.advance()) {
        refused++;
        continue;
      }
      expect(plain.finish()).toBe(new FragmentText(html).finish());
      read++;
    }
    expect(read).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
  });

  test.each(ODD_MARKUP)('%j is left to the tokenizer', (markup) => {
    const plain = new PlainMarkupText(`<p>words</p>${markup}<p>more words</p>`);
    plain.target = Infinity;
    expect(plain.advance()).toBe(false);
  });
});

describe('HtmlTextReader reads only as much of a fragment as asked', () => {
  const random = seededRandom(3);
  const fragments = Array.from({ length: 300 }, () => randomDescription(random));

  test('htmlToLines is htmlToText with its line breaks kept', () => {
    for (const html of fragments) expect(htmlToLines(html).replace(/\n/g, ' ')).toBe(htmlToText(html));
  });

  test.each([40, 160, 400])(
    'each prefix of at least %i characters starts htmlToLines exactly',
    (minChars) => {
      for (const html of fragments) {
        const whole = htmlToLines(html);
        const { text, complete } = new HtmlTextReader(html).read(minChars);
        if (complete) expect(text).toBe(whole);
        else {
          expect(text.length).toBeGreaterThanOrEqual(minChars);
          expect(whole.startsWith(text)).toBe(true);
        }
      }
    },
  );

  test('reading on from a prefix continues where it stopped, up to the whole text', () => {
    for (const html of fragments.slice(0, 50)) {
      const reader = new HtmlTextReader(html);
      let previous = '';
      for (const minChars of [20, 100, 300, 100_000]) {
        const { text } = reader.read(minChars);
        expect(text.startsWith(previous.trimEnd())).toBe(true);
        previous = text;
      }
      expect(previous).toBe(htmlToLines(html));
    }
  });

  test('a long fragment that turns out double-escaped late is converted whole', () => {
    const html = `<p>${'plain words '.repeat(80)}</p>&lt;b&gt;escaped&lt;/b&gt;`;
    const prefix = new HtmlTextReader(html).read(100);
    expect(prefix.complete).toBe(false);
    expect(prefix.text.length).toBeGreaterThanOrEqual(100);
    expect(htmlToText(html).endsWith('escaped')).toBe(true);
    expect(new HtmlTextReader(html).read(100_000)).toEqual({ text: htmlToLines(html), complete: true });
  });

  test('a fragment ending inside an unclosed <script> does not break the next one', () => {
    expect(htmlToText('<p>first</p><script>track(')).toBe('first');
    expect(new HtmlTextReader(`<p>${'word '.repeat(100)}</p><script>x`).read(50).complete).toBe(false);
    expect(htmlToText('<p>second</p> and <b>third</b>')).toBe('second and third');
  });
});

describe('the snippet and header read from a description prefix are those of the whole description', () => {
  const random = seededRandom(11);

  test('for 3,000 generated descriptions with labels and markup anywhere', () => {
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const description = randomDescription(random);
      const plain = htmlToLines(description);
      // The same description as plain text with its line breaks: read in prefixes of its own.
      if (/[<&]/.test(plain)) continue;
      const raw = { externalId: String(i), title: 'Design Review Lead', url: `https://x.example/${i}` };
      const fromHtml = normalizePosting({ ...raw, description }, context);
      const fromPlain = normalizePosting({ ...raw, description: plain }, context);
      expect(fromHtml).toEqual(fromPlain);
      compared++;
    }
    expect(compared).toBeGreaterThan(2000);
  });

  test('a header value that runs past the first prefix is read to its end', () => {
    const location = `Springfield ${'North '.repeat(10)}Campus`;
    const description = `<p><b>Job title:</b> Nurse <b>Location:</b> ${location} <b>Job description:</b></p><p>${'Care for patients. '.repeat(30)}</p>`;
    // Past the first prefix: the title and a snippet's length of text come first.
    expect(description.indexOf('Campus')).toBeGreaterThan(60);
    const result = normalizePosting({ title: 'Nurse', url: 'https://x.example/1', description }, context);
    expect(result.ok && result.posting.location).toBe(location);
    expect(result.ok && result.posting.snippet).toMatch(/^Care for patients\. Care/);
  });
});
