import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';

function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const ROOT = projectRoot(__dirname);

/** The scripts other sites run: widget.js on their pages, embed.js inside the embed page they frame. */
export const SITE_SCRIPTS = {
  widget: path.join(ROOT, 'src', 'widget', 'index.ts'),
  embed: path.join(ROOT, 'src', 'widget', 'embed.ts'),
};
export type SiteScript = keyof typeof SITE_SCRIPTS;

export const bundleFile = (name: SiteScript) => path.join(ROOT, 'dist', `${name}.js`);
export const WIDGET_OUTFILE = bundleFile('widget');

const buildOptions = (name: SiteScript): BuildOptions => ({
  entryPoints: [SITE_SCRIPTS[name]],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'none',
  charset: 'utf8',
});

/**
 * The compiled build serves dist/<name>.js, written by `npm run build` (production images have no esbuild); run
 * from source (jest, tsx) it is bundled in memory at first request, so tests always serve the current source and
 * never a stale build.
 */
export async function loadBundle(name: SiteScript): Promise<string> {
  if (__filename.endsWith('.js')) return readFile(bundleFile(name), 'utf8');
  const esbuild = await import('esbuild');
  const result = await esbuild.build({ ...buildOptions(name), write: false });
  return result.outputFiles![0]!.text;
}

export const loadWidgetBundle = () => loadBundle('widget');

export async function writeBundles(): Promise<void> {
  const esbuild = await import('esbuild');
  for (const name of Object.keys(SITE_SCRIPTS) as SiteScript[]) {
    await esbuild.build({ ...buildOptions(name), outfile: bundleFile(name) });
  }
}
