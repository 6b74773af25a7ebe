import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Compiled, the worker is the `.js` beside this file. Run from source (jest, tsx) it is the `.ts` one, and the
 * thread registers tsx's require hook itself: a worker thread does not share the loader that compiled its parent
 * (and `--import tsx` would load the entry as ESM, which Node 20 refuses for a `.ts` worker).
 */
const WORKER_ENTRY = __filename.endsWith('.ts')
  ? { file: join(__dirname, 'preview.worker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] }
  : { file: join(__dirname, 'preview.worker.js'), execArgv: [] };

/** How long a warmed worker waits for a preview before it is let go (it holds about 40 MB). */
const SPARE_IDLE_MS = 60_000;

export interface PreviewWorker {
  worker: Worker;
  /** Settles once the thread has loaded the readers and waits for its job; rejects if it failed first. */
  ready: Promise<void>;
}

export interface PreviewWorkerSupply {
  /** A worker that has run no preview yet; whoever takes it posts it one job and terminates it after. */
  take(): PreviewWorker;
}

/**
 * Single-use preview workers, one kept warm. A thread starts in tens of milliseconds, but loading the readers and
 * normalizers into it takes a few hundred, so once a preview's worker is gone the next one is started and loads
 * them before it is asked for (not during the preview, which would compete with it for the CPU). Each worker still
 * serves one preview only: nothing a hostile document did to a heap is there for the next recruiter.
 */
export function createPreviewWorkerSupply(resourceLimits: ResourceLimits): PreviewWorkerSupply {
  let spare: { taken: PreviewWorker; letGo: NodeJS.Timeout } | undefined;

  const spawn = (): PreviewWorker => {
    const worker = new Worker(WORKER_ENTRY.file, { execArgv: WORKER_ENTRY.execArgv, resourceLimits });
    const ready = new Promise<void>((resolve, reject) => {
      // The worker's first message says it is ready (see preview.worker.ts).
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`the preview worker exited with code ${code} as it started`)),
      );
    });
    // A spare that fails while idle is never taken; whoever takes a worker awaits `ready` and sees its failure.
    ready.catch(() => undefined);
    return { worker, ready };
  };

  const warmSpare = () => {
    const taken = spawn();
    // An idle spare neither keeps the process alive nor outstays SPARE_IDLE_MS.
    taken.worker.unref();
    const letGo = setTimeout(() => void taken.worker.terminate(), SPARE_IDLE_MS).unref();
    const forget = () => {
      clearTimeout(letGo);
      if (spare?.taken === taken) spare = undefined;
    };
    taken.worker.once('error', forget);
    taken.worker.once('exit', forget);
    spare = { taken, letGo };
  };

  return {
    take() {
      const current = spare;
      spare = undefined;
      const taken = current?.taken ?? spawn();
      if (current) {
        clearTimeout(current.letGo);
        taken.worker.ref();
      }
      taken.worker.once('exit', () => {
        if (!spare) warmSpare();
      });
      return taken;
    },
  };
}
