import type { Worker } from 'node:worker_threads';
import { AppError, RetryLaterError } from '../../errors';
import type { Logger } from '../../logger';
import type { PreviewReport, PreviewRequest } from '../preview-feed';
import type { PreviewJob, PreviewWorkerMessage } from './preview.worker';
import { createPreviewWorkerSupply } from './preview-workers';
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

/** Loading the readers into a thread takes well under a second; this long means the machine is in trouble. */
const WORKER_START_MS = 30_000;

/**
 * previewFeed in a worker thread of its own, so a hostile document costs that thread its time and memory budget
 * instead of stalling or killing the process. Past `concurrency` previews at once, the next is refused with a 429
 * rather than queued: a queue would hold recruiters' requests open behind hostile documents.
 */
export function createPreviewRunner(options: PreviewRunnerOptions): PreviewRunner {
  const { budget } = options;
  const log = options.logger.child({ module: 'preview' });
  const workers = createPreviewWorkerSupply({
    maxOldGenerationSizeMb: budget.memoryMb,
    maxYoungGenerationSizeMb: Math.max(2, Math.ceil(budget.memoryMb / 8)),
  });
  let running = 0;

  return async (request) => {
    if (running >= budget.concurrency)
      throw new RetryLaterError(
        `${running} previews are already running on this server, the most it runs at once: retry in a few seconds`,
        Math.ceil(budget.timeoutMs / 1000),
        PREVIEWS_BUSY,
      );
    running++;
    const { worker, ready } = workers.take();
    try {
      return await runInWorker(worker, ready, {
        request,
        fetch: options.fetch,
        snippetLength: options.snippetLength,
      });
    } finally {
      running--;
      // Tearing down a thread's heap takes up to a few hundred ms once it stopped running: nobody waits for that.
      worker
        .terminate()
        .catch((error: unknown) => log.warn({ err: error }, 'preview worker did not terminate'));
    }
  };

  async function runInWorker(worker: Worker, ready: Promise<void>, job: PreviewJob): Promise<PreviewReport> {
    let timer: NodeJS.Timeout | undefined;
    const outcome = new Promise<PreviewReport>((resolve, reject) => {
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
      // The time budget is the document's: it starts when the job does, not while the thread loads jobfeed's code.
      const start = () => {
        timer = setTimeout(() => {
          log.warn(
            { url: job.request.url, timeoutMs: budget.timeoutMs },
            'preview ran out of its time budget',
          );
          reject(
            new AppError(
              'preview_timeout',
              `The preview ran out of its time budget of ${budget.timeoutMs / 1000} s: the feed is too large or too deeply nested to read in that time`,
              { status: 422 },
            ),
          );
        }, budget.timeoutMs);
        worker.on('message', (message: PreviewWorkerMessage) => {
          if (message.kind === 'done') resolve(message.report);
          else if (message.kind === 'failed') reject(fromTransferableError(message.error));
        });
        worker.postMessage(job);
      };
      let gaveUp = false;
      timer = setTimeout(() => {
        gaveUp = true;
        reject(
          new AppError('preview_unavailable', 'The preview could not start: retry in a minute', {
            status: 503,
          }),
        );
      }, WORKER_START_MS);
      ready.then(() => {
        clearTimeout(timer);
        if (!gaveUp) start();
      }, reject);
    });
    try {
      return await outcome;
    } finally {
      clearTimeout(timer);
    }
  }
}
