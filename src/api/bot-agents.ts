import type { IncomingHttpHeaders } from 'node:http';

const BOT_AGENT =
  /bot\b|bot\/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|pingdom|uptime|lighthouse|headless|phantomjs|puppeteer|playwright|selenium|curl\/|wget\/|python-|httpclient|go-http-client|java\/|okhttp|axios\/|node-fetch|undici|libwww|scrapy/i;

/** Crawlers, link previews, monitors, scripts and headless browsers (HeadlessChrome included), or no agent at all. */
export function isBotAgent(headers: IncomingHttpHeaders): boolean {
  const agent = headers['user-agent'];
  return !agent || BOT_AGENT.test(agent);
}

/** A browser's prefetch or prerender, which no person asked for (yet). */
export function isPrefetch(headers: IncomingHttpHeaders): boolean {
  const purpose = headers['sec-purpose'] ?? headers.purpose ?? headers['x-moz'] ?? headers['x-purpose'];
  return typeof purpose === 'string' && /prefetch|preview|prerender/i.test(purpose);
}
