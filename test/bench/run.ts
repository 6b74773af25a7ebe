import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startLocalServices } from '../services/local-services';
import type { Bench, BenchContext, BenchRow } from './bench';
import { REPO_ROOT } from './child-process';
import { eventsBench } from './events.bench';
import { hostileBench } from './hostile.bench';
import { ingestBench } from './ingest.bench';
import { markdownTable } from './measure';
import { parseBench } from './parse.bench';
import { scaleBench } from './scale.bench';

/** Benches written on other branches; until they are merged the run says so and goes on without them. */
const OPTIONAL_BENCHES = ['read-path.bench', 'widget-size.bench'];

interface Sizes {
  parsePostings: number;
  parseBareRuns: number;
  parseOursRuns: number;
  ingestPostings: number;
  ingestBudgetMs: number;
  fallbackPostings: number;
  firstRuns: number;
  unchangedRuns: number;
  notModifiedRuns: number;
  scaleFeeds: number;
  /**
   * At most this many postings in the scale bench: above it, FerretDB's collection scans and its one SQLite writer
   * (concurrent writers there can fail with SQLITE_BUSY) are all a second worker process would measure.
   */
  scaleMaxPostings: number;
}

const DEFAULT_SIZES: Sizes = {
  parsePostings: 200_000,
  parseBareRuns: 3,
  parseOursRuns: 3,
  ingestPostings: 50_000,
  ingestBudgetMs: 360_000,
  fallbackPostings: 300,
  firstRuns: 3,
  unchangedRuns: 3,
  notModifiedRuns: 5,
  scaleFeeds: 4,
  scaleMaxPostings: 10_000,
};

const QUICK_SIZES: Sizes = {
  parsePostings: 20_000,
  parseBareRuns: 3,
  parseOursRuns: 1,
  ingestPostings: 5_000,
  ingestBudgetMs: 15_000,
  fallbackPostings: 200,
  firstRuns: 1,
  unchangedRuns: 3,
  notModifiedRuns: 5,
  scaleFeeds: 4,
  scaleMaxPostings: 2_000,
};

const USAGE = `usage: npm run bench [-- --quick] [--profile] [--only NAME,...]
  --quick     smaller sizes, to try the suite out (figures are not the published ones)
  --profile   also profile one parse run (node --cpu-prof) and list the top self-time functions
  --only      run only the named benches: parse, ingest, hostile, scale, events, ${OPTIONAL_BENCHES.map((n) => n.replace('.bench', '')).join(', ')}`;

interface Options {
  quick: boolean;
  profile: boolean;
  only: Set<string> | null;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { quick: false, profile: false, only: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--only' && argv[i + 1]) options.only = new Set(argv[++i]!.split(','));
    else {
      process.stderr.write(`unknown argument ${arg}\n${USAGE}\n`);
      process.exit(2);
    }
  }
  return options;
}

interface NamedBench {
  name: string;
  run: Bench;
}

/** A bench module's Bench: its default export, else its one exported function. */
async function loadOptionalBench(moduleName: string): Promise<Bench | null> {
  if (!existsSync(path.join(__dirname, `${moduleName}.ts`))) return null;
  const loaded = (await import(`./${moduleName}`)) as Record<string, unknown>;
  const exported = typeof loaded.default === 'function' ? [loaded.default] : Object.values(loaded);
  const benches = exported.filter((value): value is Bench => typeof value === 'function');
  if (benches.length !== 1)
    throw new Error(`${moduleName}.ts must export one Bench (a default export or a single function)`);
  return benches[0]!;
}

/** "ferretdb" or "mongod"; for a server given by MONGO_URL, what its buildInfo says. */
async function mongoServerKind(url: string, launched: string): Promise<string> {
  if (launched !== 'external') return launched;
  const client = new mongoose.mongo.MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    return info.ferretdbVersion
      ? `ferretdb ${String(info.ferretdbVersion)} (MONGO_URL)`
      : `mongod ${String(info.version)} (MONGO_URL)`;
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  // Exiting (rather than dying of the signal) runs the exit hooks that stop the servers this run started.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const options = parseArgs(process.argv.slice(2));
  const sizes = options.quick ? QUICK_SIZES : DEFAULT_SIZES;
  const startedAt = Date.now();
  const progress = (message: string) =>
    process.stderr.write(`[${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
  const loadAtStart = os.loadavg();

  progress('starting local services (or using MONGO_URL / REDIS_URL)');
  const services = await startLocalServices({ rootDir: REPO_ROOT, detached: false });
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'jobfeed-bench-'));
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  let failed = false;
  try {
    const mongoKind = await mongoServerKind(services.mongoUrl, services.mongoKind);
    const context: BenchContext = {
      mongoUrl: services.mongoUrl,
      redisUrl: services.redisUrl,
      mongoKind,
      progress,
    };
    progress(`services: ${mongoKind} at ${services.mongoUrl}, redis at ${services.redisUrl}`);

    // The scale bench splits the ingest the ingest bench could finish (the full size, or, also when the ingest
    // bench is not run, the fallback size), up to scaleMaxPostings.
    const ingestResult = { completedPostings: sizes.fallbackPostings };
    const benches: NamedBench[] = [
      {
        name: 'parse',
        run: parseBench({
          workDir,
          postings: sizes.parsePostings,
          bareRuns: sizes.parseBareRuns,
          oursRuns: sizes.parseOursRuns,
          profile: options.profile,
          notes,
        }),
      },
      {
        name: 'ingest',
        run: ingestBench({
          workDir,
          postings: sizes.ingestPostings,
          budgetMs: sizes.ingestBudgetMs,
          fallbackPostings: sizes.fallbackPostings,
          firstRuns: sizes.firstRuns,
          unchangedRuns: sizes.unchangedRuns,
          notModifiedRuns: sizes.notModifiedRuns,
          result: ingestResult,
        }),
      },
      { name: 'hostile', run: hostileBench },
      {
        name: 'scale',
        run: scaleBench({
          workDir,
          postings: () => Math.min(ingestResult.completedPostings, sizes.scaleMaxPostings),
          feeds: sizes.scaleFeeds,
        }),
      },
      { name: 'events', run: eventsBench },
    ];
    for (const moduleName of OPTIONAL_BENCHES) {
      const name = moduleName.replace('.bench', '');
      if (options.only && !options.only.has(name)) continue;
      const bench = await loadOptionalBench(moduleName);
      if (bench) benches.push({ name, run: bench });
      else {
        progress(`${moduleName}.ts: not present, skipped`);
        notes.push(`- ${moduleName}.ts: not present in this checkout, skipped.`);
      }
    }

    for (const bench of benches) {
      if (options.only && !options.only.has(bench.name)) continue;
      const benchStartedAt = Date.now();
      progress(`── ${bench.name}`);
      try {
        rows.push(...(await bench.run(context)));
      } catch (error) {
        failed = true;
        const message = error instanceof Error ? error.message : String(error);
        progress(`${bench.name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
        rows.push({
          name: bench.name,
          ours: `failed: ${message.split('\n')[0]}`,
          baseline: '',
          ratio: '',
          target: '',
          met: false,
        });
      }
      progress(`── ${bench.name} done in ${((Date.now() - benchStartedAt) / 1000).toFixed(1)} s`);
    }

    const table = markdownTable(rows);
    const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    const header = [
      `## jobfeed benchmarks, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${options.quick ? ' (--quick sizes)' : ''}`,
      '',
      `${os.cpus().length} cores (${cpu}), Node ${process.version}, ${mongoKind}, ${services.redisKind === 'external' ? 'redis (REDIS_URL)' : 'redis-server'}; ` +
        `load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}; whole run ${((Date.now() - startedAt) / 1000).toFixed(0)} s.`,
    ].join('\n');
    const report = [header, '', table, ...(notes.length ? ['', ...notes] : []), ''].join('\n');
    process.stdout.write(`${table}\n`);
    writeFileSync(path.join(REPO_ROOT, 'bench-results.md'), report);
    progress('wrote bench-results.md');
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    await services.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
