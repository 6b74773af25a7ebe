import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** mulberry32: a small, fast, seeded PRNG, so the same seed always writes the same bytes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS = ['', '', 'Senior ', 'Junior ', 'Lead ', 'Principal ', 'Staff ', 'Sr. ', 'Jr. '];
const ROLES = [
  'Software Engineer',
  'Java Developer',
  'Salesforce Developer',
  'Full Stack Developer',
  'Data Engineer',
  'Registered Nurse',
  'Warehouse Associate',
  'Account Executive',
  'Customer Support Specialist',
  'Product Manager',
  'Financial Analyst',
  'Truck Driver (CDL-A)',
  'Store Manager',
  'UX Designer',
  'DevOps Engineer',
  'Medical Assistant',
  'Electrician',
  'Marketing Coordinator',
  'HR Generalist',
  'Alfresco Developer',
];
const COMPANY_HEADS = ['Han', 'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Leidos', 'Oracle'];
const COMPANY_TAILS = [
  'Staffing',
  'Corp',
  'Health',
  'Logistics',
  'Systems',
  '& Sons',
  'Group',
  'Labs',
  'Inc.',
];
const PLACES: [string, string, string][] = [
  ['Austin', 'TX', '73301'],
  ['Charlotte', 'NC', '28202'],
  ['Denver', 'CO', '80202'],
  ['Seattle', 'WA', '98101'],
  ['Columbus', 'OH', '43004'],
  ['Miami', 'FL', '33101'],
  ['Chicago', 'IL', '60601'],
  ['Boston', 'MA', '02108'],
  ['Phoenix', 'AZ', '85001'],
  ['Remote', '', ''],
];
const JOB_TYPES = ['full-time', 'full-time', 'part-time', 'contract', 'temporary', 'internship', 'Full Time'];
const CATEGORIES = ['Engineering', 'Healthcare', 'Logistics', 'Sales', 'Finance', 'Retail', 'Design'];
const WORDS = (
  'the team builds reliable services for our customers and partners across the region you will design ' +
  'review and ship features with product owners while keeping quality high we value ownership clear ' +
  'communication and steady delivery experience with modern tooling cloud platforms databases testing ' +
  'automation patient care scheduling inventory forecasting budgets reporting stakeholders compliance ' +
  'safety training mentoring growth flexible hours benefits dental vision retirement plan paid leave'
).split(' ');

const BASE_DATE = Date.UTC(2026, 9, 1, 12, 0, 0);
const DAY_MS = 86_400_000;

export interface GeneratedFeed {
  postings: number;
  bytes: number;
}

export interface FeedOptions {
  /** Postings to write. */
  postings: number;
  seed: number;
  /** referencenumber prefix, so feeds from one run do not share ids. */
  idPrefix: string;
  progress?: (message: string) => void;
}

/**
 * Writes an Indeed-style XML feed (`<source><job>…`) of realistic postings: CDATA fields, HTML descriptions of
 * about 1.2 KB with the "Job title: … Company: …" label noise partners send, mixed date formats, salaries and
 * tracking parameters. Deterministic for a given seed (no Math.random).
 */
export async function writeIndeedFeed(file: string, options: FeedOptions): Promise<GeneratedFeed> {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const sentence = (words: number) => {
    const parts: string[] = [];
    for (let i = 0; i < words; i++) parts.push(pick(WORDS));
    const text = parts.join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };

  const jobXml = (index: number): string => {
    const title = `${pick(LEVELS)}${pick(ROLES)}`;
    const company = `${pick(COMPANY_HEADS)} ${pick(COMPANY_TAILS)}`;
    const [city, state, postalCode] = pick(PLACES);
    const posted = new Date(BASE_DATE - int(0, 90) * DAY_MS - int(0, 86_399) * 1000);
    const date = index % 3 === 0 ? posted.toUTCString() : posted.toISOString();
    const low = int(30, 150) * 1000;
    const salary =
      index % 4 === 0
        ? ''
        : `$${low.toLocaleString('en-US')} - $${(low + int(5, 40) * 1000).toLocaleString('en-US')} per year`;
    const slug = company.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const bullets = Array.from({ length: int(3, 5) }, () => `<li>${sentence(int(5, 9))}</li>`).join('');
    const description =
      `<p><b>Job title:</b> ${title} <b>Company:</b> ${company} <b>Job description:</b></p>` +
      `<div class="description"><h3>About the role</h3><p>${sentence(int(18, 26))} ${sentence(int(12, 18))}</p>` +
      `<h3>What you will do</h3><ul>${bullets}</ul>` +
      `<h3>What we offer</h3><p>${sentence(int(10, 16))} Pay &amp; benefits: ${salary || 'competitive'}.</p>` +
      `<p style="display:none">${sentence(int(5, 9))}</p></div>` +
      `<script>window.track && track("${options.idPrefix}-${index}")</script>`;
    return (
      `<job>\n` +
      `<title><![CDATA[${title}]]></title>\n` +
      `<date><![CDATA[${date}]]></date>\n` +
      `<referencenumber><![CDATA[${options.idPrefix}-${index}]]></referencenumber>\n` +
      `<url><![CDATA[https://jobs.example.com/${slug}/${options.idPrefix}-${index}?utm_source=indeed&utm_medium=feed&src=xml]]></url>\n` +
      `<company><![CDATA[${company}]]></company>\n` +
      `<city><![CDATA[${city}]]></city>\n` +
      `<state><![CDATA[${state}]]></state>\n` +
      `<country><![CDATA[US]]></country>\n` +
      `<postalcode><![CDATA[${postalCode}]]></postalcode>\n` +
      `<description><![CDATA[${description}]]></description>\n` +
      (salary ? `<salary><![CDATA[${salary}]]></salary>\n` : '') +
      `<jobtype><![CDATA[${pick(JOB_TYPES)}]]></jobtype>\n` +
      `<category><![CDATA[${pick(CATEGORIES)}]]></category>\n` +
      `</job>\n`
    );
  };

  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const tenth = Math.max(1, Math.floor(options.postings / 10));
  await write(
    '<?xml version="1.0" encoding="utf-8"?>\n<source>\n<publisher>Bench Jobs</publisher>\n' +
      '<publisherurl>https://jobs.example.com</publisherurl>\n<lastBuildDate>Thu, 01 Oct 2026 12:00:00 GMT</lastBuildDate>\n',
  );
  let chunk = '';
  for (let index = 1; index <= options.postings; index++) {
    chunk += jobXml(index);
    if (chunk.length > 256 * 1024) {
      await write(chunk);
      chunk = '';
    }
    if (index % tenth === 0 && options.progress)
      options.progress(
        `generated ${index.toLocaleString('en-US')} / ${options.postings.toLocaleString('en-US')} postings`,
      );
  }
  await write(`${chunk}</source>\n`);
  out.end();
  await once(out, 'close');
  return { postings: options.postings, bytes };
}
