import { InputError } from '../errors';
import {
  type AddressRange,
  type Family,
  MAX_V4,
  MAX_V6,
  parseIPv4,
  parseIPv6,
  rangeSize,
} from './address';

/** One target token, parsed: an address range (a single address is a range of one) or a name to resolve. */
export type TargetSpec =
  | ({ readonly kind: 'range'; readonly token: string } & AddressRange)
  | { readonly kind: 'hostname'; readonly token: string; readonly name: string };

/** The most addresses one scan may cover: a whole IPv4 space; keeps counts exact in a double. */
export const MAX_ADDRESSES = 1n << 32n;

/**
 * Splits target text into tokens: commas, spaces and newlines separate; `#` starts a comment that
 * runs to the end of the line (so an -iL file can carry notes).
 */
export function tokenizeTargets(text: string): string[] {
  const tokens: string[] = [];
  for (const line of text.split(/\r?\n|\r/)) {
    const hash = line.indexOf('#');
    const body = hash === -1 ? line : line.slice(0, hash);
    for (const token of body.split(/[\s,]+/)) if (token !== '') tokens.push(token);
  }
  return tokens;
}

/** Parses every token of `text`; `field` names the form field or flag in errors (targets, exclude). */
export function parseTargets(text: string, field = 'targets'): TargetSpec[] {
  return tokenizeTargets(text).map((token) => parseTargetToken(token, field));
}

const LAST_OCTET_RANGE = /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.)(\d{1,3})-(\d{1,3})$/;
const ALL_NUMERIC_LABELS = /^[\d.]+$/;
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

export function parseTargetToken(token: string, field = 'targets'): TargetSpec {
  const fail = (why: string): never => {
    throw new InputError(field, `"${token}" ${why}`);
  };
  const range = (family: Family, first: bigint, last: bigint): TargetSpec => {
    if (last < first) fail('ends before it starts');
    const spec: TargetSpec = { kind: 'range', token, family, first, last };
    if (rangeSize(spec) > MAX_ADDRESSES)
      fail('covers more than 2^32 addresses; scan a smaller block');
    return spec;
  };

  const slash = token.lastIndexOf('/');
  if (slash !== -1) return parseCidr(token, slash, fail, range);

  const lastOctet = LAST_OCTET_RANGE.exec(token);
  if (lastOctet) {
    const first = parseIPv4(`${lastOctet[1]}${lastOctet[2]}`);
    const lastValue = Number(lastOctet[3]);
    if (first === null || lastValue > 255) return fail('is not an IPv4 range (like 10.0.0.1-20)');
    return range(4, first, (first & ~0xffn) | BigInt(lastValue));
  }

  const dash = token.indexOf('-');
  if (dash !== -1 && (token.includes(':') || ALL_NUMERIC_LABELS.test(token.replace('-', '.')))) {
    return parseFullRange(token, dash, fail, range);
  }

  const v4 = parseIPv4(token);
  if (v4 !== null) return range(4, v4, v4);
  const v6 = parseIPv6(token);
  if (v6 !== null) return range(6, v6, v6);
  if (token.includes(':') || token.includes('[')) return fail('is not an IPv6 address');
  if (ALL_NUMERIC_LABELS.test(token)) return fail('is not an IPv4 address');

  const name = token.endsWith('.') ? token.slice(0, -1) : token;
  const labels = name.split('.');
  if (name.length > 253 || !labels.every((l) => HOST_LABEL.test(l))) {
    return fail('is not an IP address, range, CIDR block or hostname');
  }
  return { kind: 'hostname', token, name: name.toLowerCase() };
}

type Fail = (why: string) => never;
type MakeRange = (family: Family, first: bigint, last: bigint) => TargetSpec;

function parseCidr(token: string, slash: number, fail: Fail, range: MakeRange): TargetSpec {
  const addressText = token.slice(0, slash);
  const prefixText = token.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return fail('has no valid prefix length after "/"');
  const prefix = BigInt(prefixText);
  const v4 = parseIPv4(addressText);
  const v6 = v4 === null ? parseIPv6(addressText) : null;
  if (v4 === null && v6 === null) return fail('is not a CIDR block (address/prefix)');
  const family: Family = v4 !== null ? 4 : 6;
  const bits = family === 4 ? 32n : 128n;
  if (prefix > bits) return fail(`has a prefix longer than /${bits}`);
  const all = family === 4 ? MAX_V4 : MAX_V6;
  const hostMask = (1n << (bits - prefix)) - 1n;
  // Like nmap, host bits in the address are ignored: 10.0.0.7/24 is 10.0.0.0-10.0.0.255.
  const network = (v4 ?? v6 ?? 0n) & (all ^ hostMask);
  return range(family, network, network | hostMask);
}

function parseFullRange(token: string, dash: number, fail: Fail, range: MakeRange): TargetSpec {
  const startText = token.slice(0, dash);
  const endText = token.slice(dash + 1);
  const v4Start = parseIPv4(startText);
  if (v4Start !== null) {
    const end = parseIPv4(endText);
    if (end === null) return fail('is not an IPv4 range (like 10.0.0.1-10.0.1.5)');
    return range(4, v4Start, end);
  }
  const v6Start = parseIPv6(startText);
  if (v6Start === null) return fail('is not an address range');
  // `2001:db8::1-ff` replaces the last group; a full address is also accepted as the end.
  if (/^[0-9a-f]{1,4}$/i.test(endText)) {
    return range(6, v6Start, (v6Start & ~0xffffn) | BigInt(`0x${endText}`));
  }
  const end = parseIPv6(endText);
  if (end === null) return fail('is not an IPv6 range (like 2001:db8::1-2001:db8::ff)');
  return range(6, v6Start, end);
}
