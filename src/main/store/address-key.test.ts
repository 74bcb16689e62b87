import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIPv4, formatIPv6, MAX_V4, MAX_V6 } from '../../shared/targets';
import { addressKeyOf, addressSortKey } from './address-key';

const sorted = (addresses: string[]) =>
  [...addresses].sort((a, b) => Buffer.compare(addressSortKey(a), addressSortKey(b)));

describe('addressSortKey', () => {
  it('orders IPv4 numerically, then IPv6 numerically, then anything else', () => {
    expect(
      sorted([
        '10.0.0.10',
        'not-an-ip',
        '2001:db8::1',
        '::1',
        '10.0.0.9',
        '9.255.255.255',
        'fe80::1%eth0',
      ]),
    ).toEqual([
      '9.255.255.255',
      '10.0.0.9',
      '10.0.0.10',
      '::1',
      '2001:db8::1',
      'fe80::1%eth0',
      'not-an-ip',
    ]);
  });

  it('expands :: and embedded IPv4 to the same 16 bytes as the long form', () => {
    expect(addressSortKey('::ffff:1.2.3.4')).toEqual(addressSortKey('0:0:0:0:0:ffff:102:304'));
    expect(addressSortKey('2001:db8::')).toEqual(addressSortKey('2001:db8:0:0:0:0:0:0'));
    expect(addressSortKey('::')).toHaveLength(17);
    expect(addressSortKey('1::2:3')).toEqual(addressSortKey('1:0:0:0:0:0:2:3'));
  });
});

describe('addressKeyOf', () => {
  it('is the sort key of the address it stands for', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: MAX_V4 }),
        fc.bigInt({ min: 0n, max: MAX_V6 }),
        (a, b) => {
          expect(addressKeyOf(4, a)).toEqual(addressSortKey(formatIPv4(a)));
          expect(addressKeyOf(6, b)).toEqual(addressSortKey(formatIPv6(b)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
