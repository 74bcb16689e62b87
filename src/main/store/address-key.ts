import { isIPv4, isIPv6 } from 'node:net';

/**
 * A key that sorts addresses numerically, all IPv4 before all IPv6 (a family byte, then the address
 * bytes). Anything that is not an address sorts last, by its text.
 */
export function addressSortKey(address: string): Buffer {
  const plain = address.split('%')[0] ?? address; // a zone (fe80::1%eth0) does not change the order
  if (isIPv4(plain)) return Buffer.from([4, ...ipv4(plain)]);
  if (isIPv6(plain)) return Buffer.from([6, ...ipv6(plain)]);
  return Buffer.concat([Buffer.from([0xff]), Buffer.from(address, 'utf8')]);
}

const ipv4 = (text: string): number[] => text.split('.').map(Number);

function ipv6(text: string): number[] {
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes its two hex groups first.
  const hex = text.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a, b, c, d) =>
    [((+a << 8) | +b).toString(16), ((+c << 8) | +d).toString(16)].join(':'),
  );
  const [left = '', right] = hex.split('::');
  const leftGroups = left === '' ? [] : left.split(':');
  const rightGroups = right === undefined || right === '' ? [] : right.split(':');
  const zeros = 8 - leftGroups.length - rightGroups.length;
  const groups = [
    ...leftGroups,
    ...Array<string>(right === undefined ? 0 : zeros).fill('0'),
    ...rightGroups,
  ];
  const bytes: number[] = [];
  for (const g of groups) {
    const word = parseInt(g, 16);
    bytes.push((word >> 8) & 0xff, word & 0xff);
  }
  return bytes;
}

/** The sort key of an address given as its family and value (as shared/targets parses them). */
export function addressKeyOf(family: 4 | 6, value: bigint): Buffer {
  const bytes = family === 4 ? 4 : 16;
  const key = Buffer.alloc(1 + bytes);
  key[0] = family;
  let rest = value;
  for (let i = bytes; i >= 1; i--) {
    key[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return key;
}
