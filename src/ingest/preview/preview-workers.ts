import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Compiled, the worker is the `.js` beside this file. Run from source (jest, tsx) it is the `.ts` one, and the
 * thread registers tsx's require hook itself: a worker thread does not share the loader that compiled its parent
 * (and `--import tsx` would load the entry as ESM, which Node 20 refuses for a `.ts` worker).
 */
const WORKER_ENTRY = __filename.endsWith('.ts')
  ? { file: join(__dirname, 'preview.worker.ts'), execArgv: ['--require', 'tsx/cjs'] }
  : { file: join(__dirname, 'preview.worker.js'), execArgv: [] };

/** How long a warmed worker waits for a preview before it is let go (it holds about 40 MB). */
const SPARE_IDLE_MS = 60_000;

export interface PreviewWorkerSupply {
  /** A worker that has run no preview yet; whoever takes it posts it one job and terminates it after. */
  take(): Worker;
}

/**
 * Single-use preview workers, one kept warm. A thread starts in tens of milliseconds, but loading the readers and
 * normalizers into it takes a few hundred, so the next preview's worker loads them while this one runs. Each
 * worker still serves one preview only: nothing a hostile document did to a heap is there for the next recruiter.
 */
export function createPreviewWorkerSupply(resourceLimits: ResourceLimits): PreviewWorkerSupply {
  const spawn = () => new Worker(WORKER_ENTRY.file, { execArgv: WORKER_ENTRY.execArgv, resourceLimits });
  let spare: { worker: Worker; letGo: NodeJS.Timeout } | undefined;

  const warmSpare = () => {
    const worker = spawn();
    // An idle spare neither keeps the process alive nor outstays SPARE_IDLE_MS.
    worker.unref();
    const letGo = setTimeout(() => void worker.terminate(), SPARE_IDLE_MS).unref();
    const forget = () => {
      clearTimeout(letGo);
      if (spare?.worker === worker) spare = undefined;
    };
    worker.once('error', forget);
    worker.once('exit', forget);
    spare = { worker, letGo };
  };

  return {
    take() {
      const taken = spare;
      warmSpare();
      if (!taken) return spawn();
      clearTimeout(taken.letGo);
      taken.worker.ref();
      return taken.worker;
    },
  };
}
