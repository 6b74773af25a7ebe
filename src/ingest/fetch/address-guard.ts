import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { FetchError } from '../../errors';
import { refusedRange } from './address-ranges';

/** Every A and AAAA record of a name; injectable so tests can make a name resolve to any address. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, order: 'verbatim' }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

export interface GuardOptions {
  /** FETCH_ALLOW_PRIVATE: lifts the guard for local feeds (tests, demo). */
  allowPrivate: boolean;
  /** Origins let through whatever they resolve to, e.g. `http://127.0.0.1:8080`. */
  trustedOrigins: string[];
  resolve?: Resolve;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export function refusal(reason: string): FetchError {
  return new FetchError(`refused: ${reason}`, true, 'refused');
}

/**
 * The SSRF guard. `checkUrl` refuses other schemes and IP-literal hosts before any request (Node calls no lookup
 * for a literal); `connector` checks every resolved address at connect time, for the first URL and each redirect,
 * so a name cannot resolve to a public address when checked and to a private one when connected.
 */
export function createAddressGuard(options: GuardOptions) {
  const trusted = new Set(
    options.trustedOrigins.map((origin) => {
      const url = new URL(origin);
      return originKey(url.protocol, url.hostname, url.port);
    }),
  );
  const resolve = options.resolve ?? systemResolve;
  const open = (protocol: string, hostname: string, port: string | number | null | undefined) =>
    options.allowPrivate || trusted.has(originKey(protocol, hostname, port));

  function checkUrl(url: URL): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw refusal(`only http and https URLs are fetched, not ${url.protocol}`);
    if (open(url.protocol, url.hostname, url.port)) return;
    const literal = unbracketed(url.hostname);
    const range = isIP(literal) ? refusedRange(literal) : null;
    if (range) throw refusal(`${literal} is ${withArticle(range)} address`);
  }

  function resolveWith(check: boolean) {
    return (hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback): void => {
      resolve(hostname).then(
        (addresses) => {
          if (addresses.length === 0) return callback(refusal(`${hostname} has no address`), []);
          for (const { address } of addresses) {
            const range = check ? refusedRange(address) : null;
            if (range)
              return callback(
                refusal(`${hostname} resolves to ${address}, ${withArticle(range)} address`),
                [],
              );
          }
          if (lookupOptions.all) callback(null, addresses);
          else callback(null, addresses[0]!.address, addresses[0]!.family);
        },
        (error: NodeJS.ErrnoException) => callback(error, []),
      );
    };
  }
  const lookup = resolveWith(true);

  function connector(connectOptions: { timeout: number }): buildConnector.connector {
    const plain = buildConnector({
      timeout: connectOptions.timeout,
      lookup: resolveWith(false),
    } as buildConnector.BuildOptions);
    const guarded = buildConnector({
      timeout: connectOptions.timeout,
      lookup,
    } as buildConnector.BuildOptions);
    return (target, callback) => {
      if (open(target.protocol, target.hostname, target.port)) return plain(target, callback);
      const literal = unbracketed(target.hostname);
      if (isIP(literal)) {
        const range = refusedRange(literal);
        if (range) return callback(refusal(`${literal} is ${withArticle(range)} address`), null);
        return plain(target, callback);
      }
      return guarded(target, callback);
    };
  }

  return { checkUrl, lookup, connector };
}

function withArticle(range: string): string {
  return /^(?!uni)[aeiou]/i.test(range) ? `an ${range}` : `a ${range}`;
}

function originKey(protocol: string, hostname: string, port: string | number | null | undefined): string {
  return `${protocol}//${unbracketed(hostname)}:${port || (protocol === 'https:' ? 443 : 80)}`;
}

function unbracketed(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
