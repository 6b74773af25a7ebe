import { parentPort } from 'node:worker_threads';
import { createFetchDispatcher, fetchFeed, type FetchOptions } from '../fetch/fetch-feed';
import { previewFeed, type PreviewReport, type PreviewRequest } from '../preview-feed';
import { toTransferableError, type TransferableError } from './transferable-error';

/** What the preview runner hands its worker thread: plain data only (the fetcher is built on this side). */
export interface PreviewJob {
  request: PreviewRequest;
  fetch: FetchOptions & { allowPrivate: boolean; trustedOrigins: string[] };
  snippetLength: number;
}

/** What the worker posts back: first `ready` once loaded, then one answer to its one job. */
export type PreviewWorkerMessage =
  { kind: 'ready' } | { kind: 'done'; report: PreviewReport } | { kind: 'failed'; error: TransferableError };

async function runPreviewJob(job: PreviewJob): Promise<PreviewReport> {
  const client = createFetchDispatcher(job.fetch);
  try {
    return await previewFeed(
      { fetch: (url) => fetchFeed(url, {}, job.fetch, client), snippetLength: job.snippetLength },
      job.request,
    );
  } finally {
    await client.close();
  }
}

const port = parentPort;
if (!port) throw new Error('preview.worker runs as a worker thread of the preview runner only');
// One job per worker: the runner terminates the thread once it has the answer.
port.once('message', (job: PreviewJob) => {
  runPreviewJob(job).then(
    (report) => port.postMessage({ kind: 'done', report } satisfies PreviewWorkerMessage),
    (error: unknown) =>
      port.postMessage({ kind: 'failed', error: toTransferableError(error) } satisfies PreviewWorkerMessage),
  );
});
port.postMessage({ kind: 'ready' } satisfies PreviewWorkerMessage);
