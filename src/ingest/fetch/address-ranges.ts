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
};

/** IPv6 ranges that carry an IPv4 address in their last 32 bits: the embedded address decides. */
const EMBEDS_IPV4 = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052']);

/**
 * Why the fetcher must not connect to this IP address, or null for a public unicast address. Only the range
 * ipaddr.js calls `unicast` (globally routable) passes: every special-purpose range is refused by name.
 */
export function refusedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return `not an IP address (${address})`;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return rangeOf(parsed as ipaddr.IPv4);
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  if (EMBEDS_IPV4.has(range)) {
    const bytes = v6.toByteArray().slice(12);
    const embedded = rangeOf(new ipaddr.IPv4(bytes));
    return embedded && `IPv4-mapped ${embedded}`;
  }
  return range === 'unicast' ? null : (RANGE_WORDS[range] ?? range);
}

function rangeOf(address: ipaddr.IPv4): string | null {
  const range = address.range();
  return range === 'unicast' ? null : (RANGE_WORDS[range] ?? range);
}
