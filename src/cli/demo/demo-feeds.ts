/**
 * The demo's partner feeds, generated with dates relative to now so the listing looks alive. The first reproduces
 * the "Recent Posts" box of ARCHITECTURE.md, glued labels and repeated posting included, for jobfeed to clean up.
 */
const HOUR = 3_600_000;

interface DemoJob {
  id: string;
  title: string;
  company?: string;
  description: string;
  hoursAgo: number;
  city: string;
  jobtype: string;
  salary?: string;
}

const LEIDOS: DemoJob = {
  id: 'LD-77',
  title: 'Jr. Full Stack Developer',
  description:
    '<p>Job title: Jr. Full Stack Developer</p><p>Company: Leidos</p><p>Job description: <h2>Description</h2><p>Job Description:</p>The Leidos Decision Advantage team is seeking a junior full stack developer to build React front ends and Java services.</p>',
  hoursAgo: 20,
  city: 'Reston',
  jobtype: 'Full-time',
};

const RECENT_POSTS: DemoJob[] = [
  {
    id: 'HS-1001',
    title: 'Salesforce Developer',
    description:
      'Job title: Salesforce Developer Company: Han Staffing Job description: salesforce apex visual Job Description:Our client is looking for a Salesforce developer to build Apex classes, Visualforce pages and Lightning components for its sales teams.',
    hoursAgo: 3,
    city: 'Dallas',
    jobtype: 'Contract',
  },
  {
    id: 'HS-1002',
    title: 'JAVA DEVELOPER',
    description:
      'Job title: JAVA DEVELOPER Company: Han Staffing Job description: End Client: WELLSFARGO Title: Java Developer Location: Charlotte, NC. Spring Boot, microservices and Kafka experience required.',
    hoursAgo: 5,
    city: 'Charlotte',
    jobtype: 'Contract',
  },
  LEIDOS,
  // The same posting again, as the partner sent it.
  LEIDOS,
  {
    id: 'OR-5',
    title: 'Principal Software Developer',
    description:
      'Job title: Principal Software Developer Company: Oracle Job description: Job Description:As a member of the software engineering division, you will design and build distributed storage services for Oracle Cloud.',
    hoursAgo: 30,
    city: 'Austin',
    jobtype: 'Full-time',
    salary: '$150,000 - $210,000 per year',
  },
  {
    id: 'IS-9',
    title: 'Sr Alfresco Developer- Lead',
    description:
      'Job title: Sr Alfresco Developer- Lead Company: InterSources Job description: Job Title: Sr Alfresco Developer- Lead. Lead a team migrating document management to Alfresco Content Services. Remote within the US.',
    hoursAgo: 50,
    city: 'Remote',
    jobtype: 'Contract',
  },
];

const NEWSROOM_JOBS: DemoJob[] = [
  {
    id: 'nr-1',
    title: 'Data Journalist',
    company: 'The Daily Ledger',
    description:
      '<p>Find the stories in public data sets and build <b>interactive graphics</b> with our newsroom developers.</p>',
    hoursAgo: 2,
    city: 'Chicago',
    jobtype: 'Full-time',
    salary: '$70,000 - $85,000 a year',
  },
  {
    id: 'nr-2',
    title: 'Site Reliability Engineer',
    company: 'Northwind Media',
    description:
      '<p>Keep our publishing platform fast during breaking news. Kubernetes, Terraform and on-call experience.</p>',
    hoursAgo: 8,
    city: 'Remote',
    jobtype: 'Full-time',
  },
  {
    id: 'nr-3',
    title: 'Audience Editor (Part-time)',
    company: 'The Daily Ledger',
    description: '<p>Shape how our journalism reaches readers on social platforms and newsletters.</p>',
    hoursAgo: 26,
    city: 'New York',
    jobtype: 'Part-time',
    salary: '$30 - $38 per hour',
  },
];

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function demoIndeedFeed(baseUrl: string, now = new Date()): string {
  const jobs = RECENT_POSTS.map(
    (job) => `  <job>
    <title><![CDATA[${job.title}]]></title>
    <date><![CDATA[${new Date(now.getTime() - job.hoursAgo * HOUR).toUTCString()}]]></date>
    <referencenumber><![CDATA[${job.id}]]></referencenumber>
    <url><![CDATA[${baseUrl}/jobs/${job.id}?utm_source=partner]]></url>
    <city><![CDATA[${job.city}]]></city>
    <country><![CDATA[US]]></country>
    <description><![CDATA[${job.description}]]></description>
    <jobtype><![CDATA[${job.jobtype}]]></jobtype>${job.salary ? `\n    <salary><![CDATA[${job.salary}]]></salary>` : ''}
  </job>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<source>\n  <publisher>Demo Staffing Network</publisher>\n${jobs.join('\n')}\n</source>\n`;
}

export function demoRssFeed(baseUrl: string, now = new Date()): string {
  const items = NEWSROOM_JOBS.map(
    (job) => `    <item>
      <title>${escapeXml(`${job.company}: ${job.title}`)}</title>
      <link>${baseUrl}/careers/${job.id}</link>
      <guid isPermaLink="false">${job.id}</guid>
      <pubDate>${new Date(now.getTime() - job.hoursAgo * HOUR).toUTCString()}</pubDate>
      <description>${escapeXml(job.description)}</description>
      <job_listing:location>${escapeXml(job.city)}</job_listing:location>
      <job_listing:job_type>${escapeXml(job.jobtype)}</job_listing:job_type>${job.salary ? `\n      <job_listing:salary>${escapeXml(job.salary)}</job_listing:salary>` : ''}
    </item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:job_listing="https://wpjobmanager.com">
  <channel>
    <title>Newsroom careers</title>
    <link>${baseUrl}/careers</link>
${items.join('\n')}
  </channel>
</rss>
`;
}
