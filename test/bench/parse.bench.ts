import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Bench, BenchRow } from './bench';
import { bundleEntry, runNode } from './child-process';
import { formatProfileSummary, summarizeCpuProfile } from './cpu-profile';
import { writeIndeedFeed } from './feed-generator';
import { formatMb, formatMs, formatNumber, formatRate, formatRatio, median } from './measure';
import type { ParseChildResult, ParseSide } from './parse-child';

const MAX_RSS_BYTES = 256 * 1024 * 1024;
const MAX_TIME_RATIO = 3;

export interface ParseBenchOptions {
  workDir: string;
  postings: number;
  /** The bare pass is short: its time is the median of this many runs. */
  bareRuns: number;
  oursRuns: number;
  /** Also profile one run of ours (node --cpu-prof) and add the top self-time functions to `notes`. */
  profile: boolean;
  notes: string[];
}

/**
 * Issue 3's parse target: our streaming ingest to NDJSON (the dry run's code) against a bare htmlparser2 pass that
 * only counts <job> elements, each side in its own child process so its peak RSS is its own.
 */
export function parseBench(options: ParseBenchOptions): Bench {
  return async (context) => {
    const file = path.join(options.workDir, `indeed-${options.postings}.xml`);
    const ndjson = path.join(options.workDir, `indeed-${options.postings}.ndjson`);
    context.progress(`parse: generating ${options.postings.toLocaleString('en-US')} postings`);
    const generated = await writeIndeedFeed(file, {
      postings: options.postings,
      seed: 8,
      idPrefix: 'P',
      progress: (message) => context.progress(`parse: ${message}`),
    });
    context.progress(`parse: feed is ${formatMb(generated.bytes)}`);
    const child = await bundleEntry(path.join(__dirname, 'parse-child.ts'));

    const runSide = async (side: ParseSide, run: number, extraArgs: string[] = []) => {
      context.progress(`parse: ${side} pass, run ${run + 1}`);
      const args = side === 'ours' ? [child, side, file, ndjson] : [child, side, file];
      const result = JSON.parse(await runNode([...extraArgs, ...args])) as ParseChildResult;
      if (result.postings + result.rejected !== options.postings)
        throw new Error(
          `parse (${side}) saw ${result.postings + result.rejected} postings, not ${options.postings}`,
        );
      context.progress(`parse: ${side} ${formatMs(result.ms)}, peak RSS ${formatMb(result.maxRssBytes)}`);
      return result;
    };
    const bare: ParseChildResult[] = [];
    const bareTokenizer: ParseChildResult[] = [];
    const ours: ParseChildResult[] = [];
    for (let run = 0; run < Math.max(options.bareRuns, options.oursRuns); run++) {
      if (run < options.bareRuns) bare.push(await runSide('bare', run));
      if (run < options.bareRuns) bareTokenizer.push(await runSide('bare-tokenizer', run));
      if (run < options.oursRuns) ours.push(await runSide('ours', run));
    }
    if (options.profile)
      options.notes.push(
        await profileOurs(context.progress, (args) => runSide('ours', 0, args), options.workDir),
      );
    rmSync(file, { force: true });
    rmSync(ndjson, { force: true });

    const oursMs = median(ours.map((r) => r.ms));
    const bareMs = median(bare.map((r) => r.ms));
    const bareTokenizerMs = median(bareTokenizer.map((r) => r.ms));
    const oursRss = Math.max(...ours.map((r) => r.maxRssBytes));
    const bareRss = Math.max(...bare.map((r) => r.maxRssBytes));
    const postings = ours[0]!.postings;
    const size = `${formatNumber(options.postings)} postings, ${formatMb(generated.bytes)}`;
    const rows: BenchRow[] = [
      {
        name: `Streaming ingest to NDJSON (${size}): time`,
        ours: `${formatMs(oursMs)} (${formatRate((postings / oursMs) * 1000, 'postings')})`,
        baseline: `${formatMs(bareMs)} (${formatRate((options.postings / bareMs) * 1000, 'postings')}), bare htmlparser2 pass`,
        ratio: formatRatio(oursMs / bareMs),
        target: `≤ ${MAX_TIME_RATIO}× bare time`,
        met: oursMs / bareMs <= MAX_TIME_RATIO,
      },
      {
        name: 'Streaming ingest to NDJSON: time against a barer pass',
        ours: formatMs(oursMs),
        baseline: `${formatMs(bareTokenizerMs)}, htmlparser2's tokenizer alone (no Parser) counting <job> tags`,
        ratio: formatRatio(oursMs / bareTokenizerMs),
        target: '—',
        met: null,
      },
      {
        name: 'Parse: peak RSS',
        ours: formatMb(oursRss),
        baseline: `${formatMb(bareRss)} (bare pass)`,
        ratio: formatRatio(oursRss / bareRss),
        target: '≤ 256 MB',
        met: oursRss <= MAX_RSS_BYTES,
      },
    ];
    return rows;
  };
}

async function profileOurs(
  progress: (message: string) => void,
  run: (extraArgs: string[]) => Promise<ParseChildResult>,
  workDir: string,
): Promise<string> {
  const dir = mkdtempSync(path.join(workDir, 'cpu-prof-'));
  progress('parse: profiling one run of ours (node --cpu-prof)');
  const result = await run(['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const profile = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!profile) throw new Error(`node --cpu-prof wrote no profile into ${dir}`);
  const summary = summarizeCpuProfile(path.join(dir, profile));
  rmSync(dir, { recursive: true, force: true });
  return [
    `### Where the parse time goes (profile of one run of ours, ${formatMs(result.ms)} under the profiler)`,
    '',
    formatProfileSummary(summary),
  ].join('\n');
}
