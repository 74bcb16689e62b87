import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { parsePorts } from './parse-ports';
import { serviceName } from './services';
import { topPortRanking, topPorts } from './top-ports';

const list = (text: string): number[] => [...parsePorts(text)];

describe('parsePorts', () => {
  it('reads single ports, ranges and lists, distinct and ascending', () => {
    expect(list('80')).toEqual([80]);
    expect(list('1-5')).toEqual([1, 2, 3, 4, 5]);
    expect(list('443, 22 80,22 T:21')).toEqual([21, 22, 80, 443]);
    expect(parsePorts('1-1024')).toHaveLength(1024);
  });

  it('reads open-ended ranges and - for all ports', () => {
    expect(parsePorts('-')).toHaveLength(65535);
    expect(list('-3')).toEqual([1, 2, 3]);
    expect(list('65534-')).toEqual([65534, 65535]);
  });

  it('reads IANA service names', () => {
    expect(list('http,ssh')).toEqual([22, 80]);
  });

  it.each([
    ['70000', '"70000" is not a port (1-65535)'],
    ['0', '"0" is not a port (1-65535)'],
    ['80-70000', '"70000" in "80-70000" is not a port (1-65535)'],
    ['90-80', '"90-80" ends before it starts'],
    ['nosuchservice', '"nosuchservice" is not a port or a service name'],
    ['1-2-3', '"2-3" in "1-2-3" is not a port'],
  ])('refuses %s naming the token', (text, message) => {
    expect(() => parsePorts(`22,${text}`)).toThrow(InputError);
    expect(() => parsePorts(`22,${text}`)).toThrow(`ports: ${message}`);
  });

  it('never crashes on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        try {
          const ports = parsePorts(text);
          expect(ports.every((p) => p >= 1 && p <= 65535)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips generated ranges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 65535 }),
        fc.integer({ min: 0, max: 300 }),
        (a, len) => {
          const b = Math.min(65535, a + len);
          expect(list(`${a}-${b}`)).toEqual(Array.from({ length: b - a + 1 }, (_, i) => a + i));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('top ports and service names', () => {
  it('ranks every port exactly once, curated services first', () => {
    const ranking = topPortRanking();
    expect(new Set(ranking).size).toBe(65535);
    expect([...ranking.slice(0, 3)]).toEqual([80, 443, 22]);
  });

  it('gives the N top ports ascending', () => {
    const ten = [...topPorts(10)];
    expect(ten).toHaveLength(10);
    expect(ten).toEqual([...ten].sort((a, b) => a - b));
    expect(ten).toContain(443);
    expect(topPorts(1000)).toHaveLength(1000);
  });

  it('names ports from the IANA registry', () => {
    expect(serviceName(80)).toBe('http');
    expect(serviceName(22)).toBe('ssh');
    expect(serviceName(443)).toBe('https');
    expect(serviceName(5432)).toBe('postgresql');
    expect(serviceName(4)).toBeNull();
  });
});
