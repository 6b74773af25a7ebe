import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's headless Chromium, with the flags this closed network needs (no background connections). `userAgent`
 * replaces HeadlessChrome's for the whole browser: a context's `userAgent` does not reach the beacon a page sends
 * as it is left (Chromium sends it once the page is gone, with the browser's own agent).
 */
export async function launchChromium(options: { userAgent?: string } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      ...(options.userAgent ? [`--user-agent=${options.userAgent}`] : []),
    ],
  });
}
