import type { BenchRow } from './bench';

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `measure` `runs` times and returns every result (callers take the median of what they need). */
export async function repeat<T>(runs: number, measure: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < runs; run++) results.push(await measure(run));
  return results;
}

export function elapsedMs(startedAt: bigint): number {
  return Number(process.hrtime.bigint() - startedAt) / 1e6;
}

/** 12345.6 -> "12,346"; small values keep a decimal or two. */
export function formatNumber(value: number): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatRate(perSecond: number, unit: string): string {
  return `${formatNumber(perSecond)} ${unit}/s`;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${formatNumber(ms / 1000)} s` : `${formatNumber(ms)} ms`;
}

export function formatMb(bytes: number): string {
  return `${formatNumber(bytes / 1024 / 1024)} MB`;
}

/** Small ratios keep two significant digits: 0.0049×, not 0×. */
export function formatRatio(ratio: number): string {
  const text =
    ratio > 0 && ratio < 0.1
      ? ratio.toLocaleString('en-US', { maximumSignificantDigits: 2 })
      : formatNumber(ratio);
  return `${text}×`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(rows: BenchRow[]): string {
  const header = ['benchmark', 'ours', 'baseline', 'ratio', 'target', 'met'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map(
      (r) =>
        `| ${[r.name, r.ours, r.baseline, r.ratio, r.target, r.met === null ? '–' : r.met ? 'yes' : '**no**']
          .map(escapeCell)
          .join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}
