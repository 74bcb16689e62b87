import ipaddr from 'ipaddr.js';

/** Address family of a target: IPv4 or IPv6. */
export type Family = 4 | 6;

/** An inclusive range of addresses of one family; both ends as integers (bigint fits both families). */
export interface AddressRange {
  readonly family: Family;
  readonly first: bigint;
  readonly last: bigint;
}

export const MAX_V4 = (1n << 32n) - 1n;
export const MAX_V6 = (1n << 128n) - 1n;
const V4_MAPPED_PREFIX = 0xffffn << 32n;

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Strict dotted-quad IPv4 (no `127.1` shorthand, no octal): returns null when it is not one. */
export function parseIPv4(text: string): bigint | null {
  const m = DOTTED_QUAD.exec(text);
  if (!m) return null;
  let value = 0n;
  for (let i = 1; i <= 4; i += 1) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/** IPv6 text (with optional brackets, embedded IPv4 allowed, zone ids refused): null when invalid. */
export function parseIPv6(text: string): bigint | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!bare.includes(':') || bare.includes('%') || !ipaddr.IPv6.isValid(bare)) return null;
  let value = 0n;
  for (const part of ipaddr.IPv6.parse(bare).parts) value = (value << 16n) | BigInt(part);
  return value;
}

export function formatIPv4(value: bigint): string {
  const n = Number(value);
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function formatIPv6(value: bigint): string {
  // v4-mapped addresses read best with their dotted tail, as every tool prints them.
  if (value >> 32n === V4_MAPPED_PREFIX >> 32n) return `::ffff:${formatIPv4(value & MAX_V4)}`;
  const parts: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) parts.push(Number((value >> shift) & 0xffffn));
  return new ipaddr.IPv6(parts).toString();
}

/** Canonical text of an address: dotted quad, or RFC 5952 compressed IPv6. */
export const formatAddress = (family: Family, value: bigint): string =>
  family === 4 ? formatIPv4(value) : formatIPv6(value);

export const rangeSize = (r: AddressRange): bigint => r.last - r.first + 1n;
