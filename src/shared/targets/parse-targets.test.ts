import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { HostList, type HostSegment, subtractRanges } from './host-list';
import { parseTargetToken, parseTargets, tokenizeTargets } from './parse-targets';

const seg = (text: string): HostSegment[] =>
  parseTargets(text).map((s) => {
    if (s.kind !== 'range') throw new Error(`not a range: ${s.token}`);
    return { family: s.family, first: s.first, last: s.last, hostname: null };
  });
const addresses = (text: string, exclude = ''): string[] =>
  [...new HostList(subtractRanges(seg(text), exclude ? seg(exclude) : []))].map((h) => h.address);

describe('tokenizeTargets', () => {
  it('splits on commas, spaces and newlines and drops # comments', () => {
    expect(tokenizeTargets('a, b  c\n# whole line\nd # trailing\r\ne,,f\t')).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
  });
});

describe('parseTargets', () => {
  it('reads single IPv4 and IPv6 addresses', () => {
    expect(addresses('127.0.0.1 ::1 [::2] 2001:DB8:0:0:0:0:0:1 ::ffff:10.0.0.1')).toEqual([
      '127.0.0.1',
      '::1',
      '::2',
      '2001:db8::1',
      '::ffff:10.0.0.1',
    ]);
  });

  it('expands CIDR blocks of both families, ignoring host bits like nmap', () => {
    expect(addresses('10.0.0.7/30')).toEqual(['10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.7']);
    expect(addresses('2001:db8::5/126')).toEqual([
      '2001:db8::4',
      '2001:db8::5',
      '2001:db8::6',
      '2001:db8::7',
    ]);
    expect(addresses('10.1.2.3/32')).toEqual(['10.1.2.3']);
  });

  it('expands last-octet and full dash ranges', () => {
    expect(addresses('10.0.0.1-3')).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    const wide = new HostList(seg('10.0.0.1-10.0.1.5'));
    expect(wide.count).toBe(255 + 6);
    expect(wide.at(254).address).toBe('10.0.0.255');
    expect(wide.at(255).address).toBe('10.0.1.0');
    expect(wide.at(260).address).toBe('10.0.1.5');
    expect(addresses('2001:db8::1-3')).toEqual(['2001:db8::1', '2001:db8::2', '2001:db8::3']);
    expect(addresses('::1-::2')).toEqual(['::1', '::2']);
  });

  it('applies exclusions, splitting ranges', () => {
    expect(addresses('10.0.0.0/29', '10.0.0.2-3 10.0.0.6 ::1')).toEqual([
      '10.0.0.0',
      '10.0.0.1',
      '10.0.0.4',
      '10.0.0.5',
      '10.0.0.7',
    ]);
  });

  it('expands a /8 lazily: count and first hosts without materialising it', () => {
    const hosts = new HostList(seg('10.0.0.0/8'));
    expect(hosts.count).toBe(2 ** 24);
    expect(hosts.segments).toHaveLength(1);
    const firstThree: string[] = [];
    for (const h of hosts) {
      firstThree.push(h.address);
      if (firstThree.length === 3) break;
    }
    expect(firstThree).toEqual(['10.0.0.0', '10.0.0.1', '10.0.0.2']);
    expect(hosts.at(2 ** 24 - 1).address).toBe('10.255.255.255');
    // Excluding from the middle of a /8 is two segments, not sixteen million addresses.
    const holed = new HostList(subtractRanges(hosts.segments, seg('10.128.0.0/9')));
    expect(holed.count).toBe(2 ** 23);
    expect(holed.segments).toHaveLength(1);
  });

  it('keeps hostnames as names to resolve', () => {
    expect(parseTargetToken('LocalHost')).toMatchObject({ kind: 'hostname', name: 'localhost' });
    expect(parseTargetToken('my-host.example.com.')).toMatchObject({
      kind: 'hostname',
      name: 'my-host.example.com',
    });
  });

  it.each([
    ['300.1.1.1', 'is not an IPv4 address'],
    ['1.2.3', 'is not an IPv4 address'],
    ['10.0.0.9-1', 'ends before it starts'],
    ['10.0.0.1-300', 'is not an IPv4 range'],
    ['10.0.0.0/33', 'prefix longer than /32'],
    ['10.0.0.0/x', 'no valid prefix'],
    ['::1/129', 'prefix longer than /128'],
    ['2001:db8::/64', 'more than 2^32'],
    ['fe80::1%eth0', 'is not an IPv6 address'],
    ['1:2:3', 'is not an IPv6 address'],
    ['bad_host!', 'is not an IP address, range, CIDR block or hostname'],
    ['-', 'is not an address range'],
  ])('refuses %s, naming the token', (token, why) => {
    let caught: unknown;
    try {
      parseTargets(`127.0.0.1, ${token}`);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).message).toContain(`targets: "${token}" `);
    expect((caught as InputError).message).toContain(why);
    expect((caught as InputError).field).toBe('targets');
  });

  it('names the field it parses for', () => {
    expect(() => parseTargets('nope!', 'exclude')).toThrow(/^exclude: "nope!"/);
  });
});
