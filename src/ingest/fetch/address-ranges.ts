import ipaddr from 'ipaddr.js';

/** How ipaddr.js names a range, in words an operator reads in a run's error. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
  uniqueLocal: 'unique-local',
  deprecatedSiteLocal: 'site-local',
  reserved: 'reserved',
  discard: 'discard-only',
  teredo: 'Teredo',
  '6to4': '6to4',
  benchmarking: 'benchmarking',
  amt: 'AMT',
  as112v6: 'AS112',
  deprecatedOrchid: 'ORCHID',
  orchid2: 'ORCHID',
  droneRemoteIdProtocolEntityTags: 'drone remote ID',
  segmentRouting: 'segment-routing',
};

/** IPv6 ranges that carry an IPv4 address in their last 32 bits: the embedded address decides. */
const EMBEDS_IPV4 = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052']);

/** The only IPv6 block routed on the internet today; everything outside it is refused. */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
/** `::a.b.c.d`, deprecated by RFC 4291: some stacks still reach the IPv4 address through it. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');
/** RFC 3849 and RFC 9637; ipaddr.js files them under "reserved" with the IETF protocol block. */
const DOCUMENTATION = [ipaddr.parseCIDR('2001:db8::/32'), ipaddr.parseCIDR('3fff::/20')];

/**
 * Why the fetcher must not connect to this IP address, or null for a public unicast address. For IPv4 only the range
 * ipaddr.js calls `unicast` passes; for IPv6 only global unicast (2000::/3) outside every special-purpose range
 * inside it, plus the translation ranges (IPv4-mapped, NAT64) whose embedded IPv4 address is public.
 */
export function refusedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return `not an IP address (${address})`;
  const parsed = ipaddr.parse(withHexTail(address));
  if (parsed.kind() === 'ipv4') return rangeOf(parsed as ipaddr.IPv4);
  return refusedIpv6Range(parsed as ipaddr.IPv6);
}

function refusedIpv6Range(address: ipaddr.IPv6): string | null {
  const range = address.range();
  if (EMBEDS_IPV4.has(range)) {
    const embedded = rangeOf(new ipaddr.IPv4(address.toByteArray().slice(12)));
    return embedded && `IPv4-mapped ${embedded}`;
  }
  if (range === 'unspecified' || range === 'loopback') return RANGE_WORDS[range]!;
  if (address.match(IPV4_COMPATIBLE)) return 'IPv4-compatible';
  if (DOCUMENTATION.some((block) => address.match(block))) return 'documentation';
  if (range !== 'unicast') return RANGE_WORDS[range] ?? range;
  return address.match(GLOBAL_UNICAST) ? null : 'non-global';
}

/**
 * `::127.0.0.1` as `::7f00:1`: ipaddr.js reads an IPv6 address ending in dotted IPv4 as IPv4-mapped (`::ffff:…`)
 * whatever its first 96 bits say.
 */
function withHexTail(address: string): string {
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (!dotted) return address;
  const [a, b, c, d] = dotted.slice(2).map(Number) as [number, number, number, number];
  return `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

function rangeOf(address: ipaddr.IPv4): string | null {
  const range = address.range();
  return range === 'unicast' ? null : (RANGE_WORDS[range] ?? range);
}
