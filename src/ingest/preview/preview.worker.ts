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

export type PreviewReply = { ok: true; report: PreviewReport } | { ok: false; error: TransferableError };

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
// One job per worker: the runner terminates the thread once it has the reply.
port.once('message', (job: PreviewJob) => {
  runPreviewJob(job).then(
    (report) => port.postMessage({ ok: true, report } satisfies PreviewReply),
    (error: unknown) =>
      port.postMessage({ ok: false, error: toTransferableError(error) } satisfies PreviewReply),
  );
});
