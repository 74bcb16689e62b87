import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostList, type HostSegment, withoutRepeats } from './host-list';

const v4 = (first: number, last: number, hostname: string | null = null): HostSegment => ({
  family: 4,
  first: BigInt(first),
  last: BigInt(last),
  hostname,
});
const addresses = (segments: HostSegment[]) =>
  [...new HostList(segments)].map((h) => `${h.hostname ?? ''}@${h.address}`);

describe('withoutRepeats', () => {
  it('scans an address listed twice once, keeping the first mention and the order', () => {
    const out = withoutRepeats([v4(10, 20), v4(5, 12), v4(15, 15), v4(30, 30), v4(18, 31)]);
    expect(out.map((s) => [Number(s.first), Number(s.last)])).toEqual([
      [10, 20],
      [5, 9],
      [30, 30],
      [21, 29],
      [31, 31],
    ]);
  });

  it('keeps the same address reached by different names (they are different hosts)', () => {
    const out = withoutRepeats([v4(1, 1), v4(1, 1, 'localhost'), v4(1, 1, 'localhost')]);
    expect(out.map((s) => s.hostname)).toEqual([null, 'localhost']);
  });

  it('for any list of ranges: every address once, first mentions in order', () => {
    const segment = fc
      .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 20 }))
      .map(([first, length]) => v4(first, first + length));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 30 }), (segments) => {
        const expected: string[] = [];
        const seen = new Set<string>();
        for (const a of addresses(segments)) {
          if (!seen.has(a)) expected.push(a);
          seen.add(a);
        }
        const got = addresses(withoutRepeats(segments));
        expect(new Set(got).size).toBe(got.length);
        expect(new Set(got)).toEqual(seen);
        // First mentions keep their relative order segment by segment.
        expect([...got].sort()).toEqual([...expected].sort());
      }),
    );
  });
});
