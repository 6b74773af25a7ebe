import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's checks run inside the page as it is (its own CSP stays on: the source goes in through the DevTools
 * protocol, which page policies do not govern). Each violation comes back as one readable line per offending node,
 * so a failing `toEqual([])` prints what to fix.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}): ${violation.help} at ${node.target.join(' ')}: ` +
          node.failureSummary?.replace(/\s+/g, ' '),
      ),
    );
  });
}
