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
export const WIDGET_OUTFILE = path.join(ROOT, 'dist', 'widget.js');

const BUILD_OPTIONS: BuildOptions = {
  entryPoints: [path.join(ROOT, 'src', 'widget', 'index.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'none',
  charset: 'utf8',
};

/**
 * widget.js: the compiled build serves dist/widget.js, written by `npm run build` (production images have no
 * esbuild); run from source (jest, tsx) it is bundled in memory at first request, so tests always serve the
 * widget's current source and never a stale build.
 */
export async function loadWidgetBundle(): Promise<string> {
  if (__filename.endsWith('.js')) return readFile(WIDGET_OUTFILE, 'utf8');
  const esbuild = await import('esbuild');
  const result = await esbuild.build({ ...BUILD_OPTIONS, write: false });
  return result.outputFiles![0]!.text;
}

export async function writeWidgetBundle(): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({ ...BUILD_OPTIONS, outfile: WIDGET_OUTFILE });
}
