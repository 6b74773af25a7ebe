import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { loadWidgetBundle, WIDGET_OUTFILE } from '../../src/api/widget/widget-bundle';
import type { Bench } from './bench';

const LIMIT_BYTES = 5 * 1024;

/** widget.js as `npm run build` wrote it (bundled from source when there is no build), gzipped as served. */
export const widgetSizeBench: Bench = async (context) => {
  const built = existsSync(WIDGET_OUTFILE);
  context.progress(`widget size: ${built ? WIDGET_OUTFILE : 'bundling src/widget in memory'}`);
  const source = built ? await readFile(WIDGET_OUTFILE, 'utf8') : await loadWidgetBundle();
  const gzipped = gzipSync(source).length;
  return [
    {
      name: 'widget.js size, gzipped',
      ours: `${gzipped} B (${Buffer.byteLength(source)} B minified)`,
      baseline: '—',
      ratio: '—',
      target: `≤ ${LIMIT_BYTES} B`,
      met: gzipped <= LIMIT_BYTES,
    },
  ];
};
