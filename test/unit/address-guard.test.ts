import type { LookupAddress } from 'node:dns';
import { request } from 'undici';
import { FetchError } from '../../src/errors';
import { createAddressGuard, type Resolve } from '../../src/ingest/fetch/address-guard';
import { refusedRange } from '../../src/ingest/fetch/address-ranges';
import { createFetchDispatcher, fetchFeed } from '../../src/ingest/fetch/fetch-feed';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';

const REFUSED: [string, string][] = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['::1', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'link-local'],
  ['169.254.0.1', 'link-local'],
  ['fe80::1', 'link-local'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['100.127.255.255', 'carrier-grade NAT'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456:789a::1', 'unique-local'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['ff02::1', 'multicast'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['::', 'unspecified'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback'],
  ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
  ['::ffff:100.64.0.1', 'IPv4-mapped carrier-grade NAT'],
  ['::ffff:0:a00:1', 'IPv4-mapped private'],
  ['64:ff9b::a9fe:a9fe', 'IPv4-mapped link-local'],
  ['::127.0.0.1', 'IPv4-compatible'],
  ['::7f00:1', 'IPv4-compatible'],
  ['::a9fe:a9fe', 'IPv4-compatible'],
  ['::a00:1', 'IPv4-compatible'],
  ['::8.8.8.8', 'IPv4-compatible'],
  ['::ffff:ffff', 'IPv4-compatible'],
  ['::2', 'IPv4-compatible'],
  ['::1:0:0:1', 'non-global'],
  ['100::1', 'discard-only'],
  ['1000::1', 'non-global'],
  ['4000::1', 'non-global'],
  ['5f00::1', 'segment-routing'],
  ['2001:db8::1', 'documentation'],
  ['3fff::1', 'documentation'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
  ['2002:7f00:1::1', '6to4'],
  ['2002:a9fe:a9fe::1', '6to4'],
  ['2002:808:808::1', '6to4'],
  ['2001:2::1', 'benchmarking'],
  ['2001:10::1', 'ORCHID'],
  ['2001:20::1', 'ORCHID'],
];

const PUBLIC = [
  '8.8.8.8',
  '93.184.216.34',
  '100.63.255.255',
  '100.128.0.1',
  '172.32.0.1',
  '2606:4700::1111',
  '::ffff:8.8.8.8',
  '64:ff9b::808:808',
  '2a00:1450:4001:82b::200e',
  '3ffe::1',
];

describe('refusedRange', () => {
  test.each(REFUSED)('%s is refused as %s', (address, range) => {
    expect(refusedRange(address)).toBe(range);
  });

  test.each(PUBLIC)('%s is a public address and passes', (address) => {
    expect(refusedRange(address)).toBeNull();
  });
});

const guarded = createAddressGuard({ allowPrivate: false, trustedOrigins: [] });

function refusalOf(action: () => unknown): FetchError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    return error as FetchError;
  }
  throw new Error('expected a refusal');
}

describe('checkUrl, before any connection', () => {
  test.each([
    'file:///etc/passwd',
    'ftp://example.com/feed.xml',
    'gopher://example.com/',
    'data:text/xml,<rss/>',
  ])('%s is refused: only http and https', (url) => {
    const error = refusalOf(() => guarded.checkUrl(new URL(url)));
    expect(error).toMatchObject({ permanent: true, outcome: 'refused' });
    expect(error.message).toMatch(/only http and https URLs are fetched/);
  });

  test.each([
    ['http://127.0.0.1:8080/feed', '127.0.0.1 is a loopback address'],
    ['http://2130706433/feed', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1/feed', '127.0.0.1 is a loopback address'],
    ['http://[::1]/feed', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/feed', '::ffff:7f00:1 is an IPv4-mapped loopback address'],
    ['http://[::127.0.0.1]/feed', '::7f00:1 is an IPv4-compatible address'],
    ['http://[::a9fe:a9fe]/latest/meta-data/', '::a9fe:a9fe is an IPv4-compatible address'],
    ['http://[::a00:1]/', '::a00:1 is an IPv4-compatible address'],
    ['http://[2002:7f00:1::1]/', '2002:7f00:1::1 is a 6to4 address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
    ['https://10.1.2.3/', '10.1.2.3 is a private address'],
    ['http://100.64.1.1/', '100.64.1.1 is a carrier-grade NAT address'],
    ['http://[fd00::1]/', 'fd00::1 is a unique-local address'],
    ['http://0.0.0.0/', '0.0.0.0 is an unspecified address'],
  ])('the IP-literal host of %s is refused: %s', (url, reason) => {
    const error = refusalOf(() => guarded.checkUrl(new URL(url)));
    expect(error).toMatchObject({ permanent: true, outcome: 'refused', message: `refused: ${reason}` });
  });

  test('names and public literals pass the URL check (names are checked at connect time)', () => {
    expect(() => guarded.checkUrl(new URL('https://jobs.example.com/feed.xml'))).not.toThrow();
    expect(() => guarded.checkUrl(new URL('http://8.8.8.8/feed'))).not.toThrow();
  });

  test('FETCH_ALLOW_PRIVATE lifts the address check but not the scheme check', () => {
    const open = createAddressGuard({ allowPrivate: true, trustedOrigins: [] });
    expect(() => open.checkUrl(new URL('http://127.0.0.1/feed'))).not.toThrow();
    expect(() => open.checkUrl(new URL('file:///etc/passwd'))).toThrow(/only http and https/);
  });

  test('a trusted origin passes, the same host on another port does not', () => {
    const guard = createAddressGuard({ allowPrivate: false, trustedOrigins: ['http://127.0.0.1:8080'] });
    expect(() => guard.checkUrl(new URL('http://127.0.0.1:8080/feed'))).not.toThrow();
    expect(() => guard.checkUrl(new URL('http://127.0.0.1:8081/feed'))).toThrow(/loopback/);
    expect(() => guard.checkUrl(new URL('https://127.0.0.1:8080/feed'))).toThrow(/loopback/);
  });
});

function resolverOf(records: Record<string, string[]>): Resolve {
  return async (hostname) => {
    const addresses = records[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

function lookup(guard: ReturnType<typeof createAddressGuard>, hostname: string) {
  return new Promise<LookupAddress[]>((resolve, reject) =>
    guard.lookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses as LookupAddress[]),
    ),
  );
}

describe('lookup at connect time: every A and AAAA record', () => {
  const guard = createAddressGuard({
    allowPrivate: false,
    trustedOrigins: [],
    resolve: resolverOf({
      'jobs.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
      'metadata.example.com': ['169.254.169.254'],
      'mixed.example.com': ['93.184.216.34', '10.0.0.7'],
      'v6-private.example.com': ['93.184.216.34', 'fd00::7'],
      'mapped.example.com': ['::ffff:127.0.0.1'],
      'cgnat.example.com': ['100.100.100.100'],
      'empty.example.com': [],
    }),
  });

  test('a name with only public records resolves to all of them', async () => {
    expect((await lookup(guard, 'jobs.example.com')).map((a) => a.address)).toEqual([
      '93.184.216.34',
      '2606:2800:220:1::1',
    ]);
  });

  test.each([
    ['metadata.example.com', 'metadata.example.com resolves to 169.254.169.254, a link-local address'],
    ['mixed.example.com', 'mixed.example.com resolves to 10.0.0.7, a private address'],
    ['v6-private.example.com', 'v6-private.example.com resolves to fd00::7, a unique-local address'],
    [
      'mapped.example.com',
      'mapped.example.com resolves to ::ffff:127.0.0.1, an IPv4-mapped loopback address',
    ],
    ['cgnat.example.com', 'cgnat.example.com resolves to 100.100.100.100, a carrier-grade NAT address'],
    ['empty.example.com', 'empty.example.com has no address'],
  ])('%s is refused: %s', async (hostname, reason) => {
    await expect(lookup(guard, hostname)).rejects.toMatchObject({
      message: `refused: ${reason}`,
      permanent: true,
      outcome: 'refused',
    });
  });

  test('a name that does not resolve fails with the DNS error', async () => {
    await expect(lookup(guard, 'nowhere.example.com')).rejects.toThrow(/ENOTFOUND/);
  });
});

describe('the fetch dispatcher uses the guarded lookup for every connection', () => {
  let server: FixtureServer;
  let port: string;
  beforeAll(async () => {
    server = await startFixtureServer();
    port = new URL(server.url).port;
    server.handle(
      '/feed',
      (_req, res) => void res.writeHead(200, { 'content-type': 'text/xml' }).end('<rss/>'),
    );
  });
  afterAll(() => server.close());

  const options = { timeoutMs: 2000, deadlineMs: 5000, maxBytes: 1024 * 1024, userAgent: 'jobfeed-test' };
  const resolve = resolverOf({ 'partner.test': ['127.0.0.1'] });

  test('guard on: a name resolving to 127.0.0.1 is refused and nothing reaches the server', async () => {
    const client = createFetchDispatcher({ timeoutMs: 2000, allowPrivate: false, resolve });
    try {
      await expect(fetchFeed(`http://partner.test:${port}/feed`, {}, options, client)).rejects.toMatchObject({
        message: `http://partner.test:${port}/feed: refused: partner.test resolves to 127.0.0.1, a loopback address`,
        outcome: 'refused',
        permanent: true,
      });
      expect(server.requests('/feed')).toBe(0);
    } finally {
      await client.close();
    }
  });

  test('guard on: localhost, resolved by the system, is refused', async () => {
    const client = createFetchDispatcher({ timeoutMs: 2000, allowPrivate: false });
    try {
      await expect(fetchFeed(`http://localhost:${port}/feed`, {}, options, client)).rejects.toThrow(
        /refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
      );
      expect(server.requests('/feed')).toBe(0);
    } finally {
      await client.close();
    }
  });

  test('guard on: a request sent straight to the dispatcher is refused at connect time too', async () => {
    const client = createFetchDispatcher({ timeoutMs: 2000, allowPrivate: false, resolve });
    try {
      await expect(
        request(`http://127.0.0.1:${port}/feed`, { dispatcher: client.dispatcher }),
      ).rejects.toThrow('refused: 127.0.0.1 is a loopback address');
      await expect(
        request(`http://partner.test:${port}/feed`, { dispatcher: client.dispatcher }),
      ).rejects.toThrow(/partner\.test resolves to 127\.0\.0\.1/);
      expect(server.requests('/feed')).toBe(0);
    } finally {
      await client.close();
    }
  });

  test('guard off: the injected resolver is what the connection uses', async () => {
    const client = createFetchDispatcher({ timeoutMs: 2000, allowPrivate: true, resolve });
    try {
      const result = await fetchFeed(`http://partner.test:${port}/feed`, {}, options, client);
      expect(result.kind).toBe('ok');
      expect(server.requests('/feed')).toBe(1);
    } finally {
      await client.close();
    }
  });
});
