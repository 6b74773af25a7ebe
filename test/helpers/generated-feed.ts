export interface GeneratedItem {
  id: string;
  title?: string;
  postedAt?: Date;
  expires?: Date;
}

/** An RSS 2.0 job feed of the given items, for tests that need many postings or chosen dates. */
export function rssFeed(items: GeneratedItem[]): string {
  const body = items
    .map(
      (item) => `    <item>
      <title>${item.title ?? `Engineer ${item.id}`}</title>
      <link>https://jobs.example.com/${item.id}</link>
      <guid isPermaLink="false">${item.id}</guid>
      ${item.postedAt ? `<pubDate>${item.postedAt.toUTCString()}</pubDate>` : ''}
      ${item.expires ? `<job_listing:expires>${item.expires.toISOString()}</job_listing:expires>` : ''}
      <description>Build and run services for posting ${item.id}.</description>
      <job_listing:company>Generated Co</job_listing:company>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:job_listing="https://wpjobmanager.com">
  <channel>
    <title>Generated</title>
${body}
  </channel>
</rss>
`;
}

export function ids(prefix: string, count: number): GeneratedItem[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i + 1}` }));
}
