import { InputError } from '../errors';
import { MAX_V4, MAX_V6, parseIPv4, parseIPv6, parseTargetToken, type Family } from '../targets';

/**
 * One entry of a result filter's `host`, understood: a `*` pattern over address and hostname, a
 * block of addresses (one address, a CIDR block or a range like 10.0.0.1-20), or a hostname.
 */
export type HostSpec =
  | { readonly kind: 'pattern'; readonly pattern: string }
  | {
      readonly kind: 'block';
      readonly family: Family;
      readonly first: bigint;
      readonly last: bigint;
    }
  | { readonly kind: 'name'; readonly name: string };

/** Reads one host entry; a malformed address or block is an InputError naming it. */
export function parseHostSpec(text: string, field = 'host'): HostSpec {
  const entry = text.trim();
  if (entry.includes('*')) return { kind: 'pattern', pattern: entry };
  if (entry.includes('/')) return parseBlock(entry, field);
  // Addresses, last-octet and full ranges, and hostnames: exactly as a scan's targets are read.
  const spec = parseTargetToken(entry, field);
  return spec.kind === 'hostname'
    ? { kind: 'name', name: spec.name }
    : { kind: 'block', family: spec.family, first: spec.first, last: spec.last };
}

/** The problem with a host entry, or null when it is fine (for schema checks). */
export function hostSpecProblem(text: string): string | null {
  try {
    parseHostSpec(text);
    return null;
  } catch (error) {
    if (error instanceof InputError) return error.detail;
    throw error;
  }
}

/**
 * A CIDR block. Not the target parser's: it refuses blocks over 2^32 addresses (too many to scan),
 * and a filter may well ask for a whole /32 of IPv6. Host bits are ignored, as nmap does.
 */
function parseBlock(entry: string, field: string): HostSpec {
  const fail = (why: string): never => {
    throw new InputError(field, `"${entry}" ${why}`);
  };
  const slash = entry.lastIndexOf('/');
  const prefixText = entry.slice(slash + 1);
  const addressText = entry.slice(0, slash);
  if (!/^\d{1,3}$/.test(prefixText)) return fail('has no valid prefix length after "/"');
  const v4 = parseIPv4(addressText);
  const v6 = v4 === null ? parseIPv6(addressText) : null;
  const address = v4 ?? v6;
  if (address === null) return fail('is not a CIDR block (like 10.0.0.0/24 or fd00::/64)');
  const family: Family = v4 !== null ? 4 : 6;
  const bits = family === 4 ? 32n : 128n;
  const prefix = BigInt(prefixText);
  if (prefix > bits) return fail(`has a prefix longer than /${bits}`);
  const hostMask = (1n << (bits - prefix)) - 1n;
  const first = address & ((family === 4 ? MAX_V4 : MAX_V6) ^ hostMask);
  return { kind: 'block', family, first, last: first | hostMask };
}
