import { isIPv4, isIPv6 } from 'node:net';

/**
 * A client's IP address in one spelling, so that the per-address limits (general requests, sign-in
 * failures) count one client once however its address is written: IPv6 in its canonical form
 * (lower case, zeros compressed: 2001:DB8:0:0::1 is 2001:db8::1), and an IPv4 address mapped into
 * IPv6 (::ffff:10.0.0.1, as a dual-stack socket or a proxy may give it) as the IPv4 address.
 * Anything else (not an address at all) is left as it is.
 */
export function canonicalAddress(ip: string): string {
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  const zoneless = ip.split('%')[0];
  let canonical: string;
  try {
    canonical = new URL(`http://[${zoneless}]/`).hostname.slice(1, -1);
  } catch {
    return ip.toLowerCase();
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}
