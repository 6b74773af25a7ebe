/** One line of the benchmark table: our figure against a baseline measured side by side in the same run. */
export interface BenchRow {
  name: string;
  ours: string;
  baseline: string;
  /** ours / baseline as the table shows it, e.g. "0.62×". */
  ratio: string;
  target: string;
  /** null where the row has no target. */
  met: boolean | null;
}

export interface BenchContext {
  mongoUrl: string;
  redisUrl: string;
  mongoKind: string;
  /** A progress line on stderr while a long step runs. */
  progress(message: string): void;
}

export type Bench = (context: BenchContext) => Promise<BenchRow[]>;
