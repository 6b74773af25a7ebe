import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../../config';
import { createFetchDispatcher, fetchFeed } from '../ingest/fetch/fetch-feed';
import { CliError } from './output';

export interface DocumentSource {
  body: AsyncIterable<Uint8Array>;
  contentType: string | undefined;
  /** What relative links resolve against: the URL, or the file's file: URL. */
  baseUrl: string;
}

/** The document of `--file PATH` or `--url URL`; a URL is fetched as workers fetch feeds (limits, address guard). */
export async function openDocument(
  options: { file?: string; url?: string },
  fetchOptions: Config['fetch'],
): Promise<DocumentSource> {
  if (!options.file === !options.url) throw new CliError('give exactly one of --file PATH or --url URL');
  return options.file ? openFile(options.file) : openUrl(options.url!, fetchOptions);
}

async function openFile(path: string): Promise<DocumentSource> {
  await access(path).catch(() => {
    throw new CliError(`cannot read ${path}: no such file`);
  });
  // Relative posting links in a file resolve to file: URLs, which normalization rejects with a reason.
  return { body: createReadStream(path), contentType: undefined, baseUrl: pathToFileURL(resolve(path)).href };
}

async function openUrl(url: string, fetchOptions: Config['fetch']): Promise<DocumentSource> {
  const dispatcher = createFetchDispatcher(fetchOptions);
  const result = await fetchFeed(url, {}, fetchOptions, dispatcher);
  if (result.kind !== 'ok')
    throw new CliError(`${url} answered 304 Not Modified to an unconditional request`);
  return { body: result.body, contentType: result.contentType, baseUrl: url };
}
