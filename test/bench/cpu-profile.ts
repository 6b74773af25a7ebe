import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './child-process';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: SelfTime[];
  files: SelfTime[];
}

/**
 * Self time per function and per source file from a `node --cpu-prof` profile. Frames of a bundled file are mapped
 * back to their TypeScript source through the bundle's source map.
 */
export function summarizeCpuProfile(profileFile: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const maps = new Map<string, SourceMap | null>();
  const sourceOf = (frame: ProfileNode['callFrame']): { file: string; line: number } => {
    if (!frame.url) return { file: '(native)', line: 0 };
    const file = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url;
    if (!maps.has(file)) {
      const mapFile = `${file}.map`;
      maps.set(
        file,
        existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as never) : null,
      );
    }
    const map = maps.get(file);
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry && 'originalSource' in entry && entry.originalSource) {
      const original = entry.originalSource.startsWith('file:')
        ? fileURLToPath(entry.originalSource)
        : path.resolve(path.dirname(file), entry.originalSource);
      return { file: original, line: entry.originalLine + 1 };
    }
    return { file, line: frame.lineNumber + 1 };
  };
  const shortName = (file: string) => {
    const packageAt = file.lastIndexOf('/node_modules/');
    if (packageAt >= 0) return file.slice(packageAt + '/node_modules/'.length);
    return file.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, file) : file;
  };

  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let totalUs = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (!us) continue;
    totalUs += us;
    const { file, line } = sourceOf(node.callFrame);
    const where = shortName(file);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${where}${line ? `:${line}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const area = where.startsWith('(') || where.startsWith('node:') ? where : where.split(':')[0]!;
    byFile.set(area, (byFile.get(area) ?? 0) + us);
  }
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / totalUs }));
  return { totalMs: totalUs / 1000, functions: ranked(byFunction), files: ranked(byFile) };
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const lines = (items: SelfTime[]) =>
    items.map(
      (item) =>
        `| ${item.name.replace(/\|/g, '\\|')} | ${Math.round(item.ms)} | ${(item.share * 100).toFixed(1)}% |`,
    );
  return [
    `Sampled ${Math.round(summary.totalMs)} ms.`,
    '',
    '| function (self time) | ms | share |',
    '|---|---|---|',
    ...lines(summary.functions),
    '',
    '| file (self time) | ms | share |',
    '|---|---|---|',
    ...lines(summary.files),
  ].join('\n');
}
