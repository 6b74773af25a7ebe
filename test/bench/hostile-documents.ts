/** Documents built to make a reader's cost grow faster than their size: the reproductions of the hostile-input issue. */
export interface HostileDocument {
  name: string;
  text: string;
}

const JOB_START = '<source><job><title>Nurse</title><url>https://partner.example/1</url>';
const JOB_END = '</job></source>';

export function hostileDocuments(scale = 1): HostileDocument[] {
  const n = Math.round(100_000 * scale);
  return [
    {
      name: `one <job> holding ${n} nested elements`,
      text: `${JOB_START}${'<a>'.repeat(n)}deep${'</a>'.repeat(n)}${JOB_END}`,
    },
    {
      name: `one <job> holding ${n} distinct elements`,
      text: `${JOB_START}${Array.from({ length: n }, (_, i) => `<f${i}>v</f${i}>`).join('')}${JOB_END}`,
    },
    {
      name: `a description of "title: a " repeated to ${Math.round(250 * scale)} KB`,
      text: `${JOB_START}<description>${'title: a '.repeat(Math.round((250_000 * scale) / 9))}</description>${JOB_END}`,
    },
    {
      name: `${n} stray close tags under 200 open elements`,
      text: `${JOB_START}<extra>${'<a>'.repeat(200)}${'</b>'.repeat(n)}${'</a>'.repeat(200)}</extra>${JOB_END}`,
    },
    {
      name: `${n} nested <div> around a JSON-LD JobPosting`,
      text: `<html><body>${'<div>'.repeat(n)}<script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Nurse","url":"https://partner.example/1"}</script>${'</div>'.repeat(n)}</body></html>`,
    },
  ];
}

/** An ordinary Indeed-style feed of about `chars` characters, the baseline a hostile document is held against. */
export function ordinaryFeedOfSize(chars: number): string {
  const jobs: string[] = ['<source>'];
  let length = jobs[0]!.length;
  for (let i = 0; length < chars; i++) {
    const job = `<job><referencenumber>r${i}</referencenumber><title>Staff Nurse ${i}</title><company>Clinic ${i % 50}</company><url>https://partner.example/jobs/${i}</url><date>2026-11-20</date><city>Leeds</city><description><![CDATA[<p>Company: Clinic ${i % 50}</p><p>Care for patients on a busy ward with a friendly team, shifts agreed in advance.</p>]]></description></job>`;
    jobs.push(job);
    length += job.length;
  }
  jobs.push('</source>');
  return jobs.join('');
}
