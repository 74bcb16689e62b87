import { describe, expect, it } from 'vitest';
import { addressSortKey } from './address-key';

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
