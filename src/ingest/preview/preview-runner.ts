import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';
import type { PreviewReport, PreviewRequest } from '../preview-feed';
import type { PreviewJob, PreviewReply } from './preview.worker';
import { fromTransferableError } from './transferable-error';

export interface PreviewBudget {
  timeoutMs: number;
  /** The worker's old-generation heap; its young generation gets an eighth of this on top. */
  memoryMb: number;
  /** Previews running at once in this process; one more is refused. */
  concurrency: number;
}

export interface PreviewRunnerOptions {
  fetch: PreviewJob['fetch'];
  snippetLength: number;
  budget: PreviewBudget;
  logger: Logger;
}

export type PreviewRunner = (request: PreviewRequest) => Promise<PreviewReport>;

export const PREVIEWS_BUSY = 'previews_busy';

/**
 * Compiled, the worker is the `.js` beside this file. Run from source (jest, tsx) it is the `.ts` one, and the
 * thread registers tsx's require hook itself: a worker thread does not share the loader that compiled its parent
 * (and `--import tsx` would load the entry as ESM, which Node 20 refuses for a `.ts` worker).
 */
const WORKER_ENTRY = __filename.endsWith('.ts')
  ? { file: join(__dirname, 'preview.worker.ts'), execArgv: ['--require', 'tsx/cjs'] }
  : { file: join(__dirname, 'preview.worker.js'), execArgv: [] };

/**
 * previewFeed in a worker thread of its own, so a hostile document costs that thread its time and memory budget
 * instead of stalling or killing the process. A thread is spawned per preview: one that ran out of memory or was
 * terminated is gone with everything it held, and no state passes from one recruiter's preview to the next.
 */
export function createPreviewRunner(options: PreviewRunnerOptions): PreviewRunner {
  const { budget } = options;
  const log = options.logger.child({ module: 'preview' });
  let running = 0;

  return async (request) => {
    if (running >= budget.concurrency)
      throw new AppError(
        PREVIEWS_BUSY,
        `${running} previews are already running on this server, the most it runs at once: retry in a few seconds`,
        { status: 429 },
      );
    running++;
    try {
      return await runInWorker({ request, fetch: options.fetch, snippetLength: options.snippetLength });
    } finally {
      running--;
    }
  };

  async function runInWorker(job: PreviewJob): Promise<PreviewReport> {
    const worker = new Worker(WORKER_ENTRY.file, {
      workerData: job,
      execArgv: WORKER_ENTRY.execArgv,
      resourceLimits: {
        maxOldGenerationSizeMb: budget.memoryMb,
        maxYoungGenerationSizeMb: Math.max(2, Math.ceil(budget.memoryMb / 8)),
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const outcome = new Promise<PreviewReport>((resolve, reject) => {
      timer = setTimeout(() => {
        log.warn({ url: job.request.url, timeoutMs: budget.timeoutMs }, 'preview ran out of its time budget');
        reject(
          new AppError(
            'preview_timeout',
            `The preview ran out of its time budget of ${budget.timeoutMs / 1000} s: the feed is too large or too deeply nested to read in that time`,
            { status: 422 },
          ),
        );
      }, budget.timeoutMs);
      worker.once('message', (reply: PreviewReply) => {
        if (reply.ok) resolve(reply.report);
        else reject(fromTransferableError(reply.error));
      });
      worker.once('error', (error: Error & { code?: string }) => {
        if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(error);
          return;
        }
        log.warn({ url: job.request.url, memoryMb: budget.memoryMb }, 'preview ran out of its memory budget');
        reject(
          new AppError(
            'preview_out_of_memory',
            `The preview ran out of its memory budget of ${budget.memoryMb} MB: the feed is too large or too deeply nested to read`,
            { status: 422 },
          ),
        );
      });
      worker.once('exit', (code) =>
        reject(new Error(`the preview worker exited with code ${code} before it answered`)),
      );
    });
    try {
      return await outcome;
    } finally {
      clearTimeout(timer);
      // The slot is free once the thread and its heap are gone, not when the answer is in.
      await worker.terminate();
    }
  }
}
