import type { IncomingHttpHeaders } from 'node:http';

const BOT_AGENT =
  /bot\b|bot\/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|pingdom|uptime|lighthouse|headlesschrome|curl\/|wget\/|python-|httpclient|go-http-client|java\/|okhttp|axios\/|node-fetch|undici|libwww|scrapy/i;

/** Crawlers, link previews, monitors, scripts and browser prefetches: requests that are not a person's click. */
export function isAutomated(headers: IncomingHttpHeaders): boolean {
  const agent = headers['user-agent'];
  if (!agent || BOT_AGENT.test(agent)) return true;
  const purpose = headers['sec-purpose'] ?? headers.purpose ?? headers['x-moz'] ?? headers['x-purpose'];
  return typeof purpose === 'string' && /prefetch|preview|prerender/i.test(purpose);
}
