import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { formatIPv4, formatIPv6 } from './address';
import { parseTargets } from './parse-targets';

const v4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n });
const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });

describe('target parser properties', () => {
  it('never crashes: any string parses or throws InputError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          parseTargets(text);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never crashes on strings made of target-like characters', () => {
    const chars = fc.constantFrom(...'0123456789abcdef.:-/,[] #\nx%'.split(''));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 40 }).map((a) => a.join('')),
        (text) => {
          try {
            parseTargets(text);
          } catch (e) {
            expect(e).toBeInstanceOf(InputError);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('round-trips generated addresses, ranges and CIDR blocks', () => {
    fc.assert(
      fc.property(
        v4,
        v4,
        fc.integer({ min: 0, max: 32 }),
        v6,
        fc.integer({ min: 96, max: 128 }),
        (a, b, p4, c, p6) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const specs = parseTargets(
            `${formatIPv4(a)}, ${formatIPv4(lo)}-${formatIPv4(hi)} ${formatIPv4(a)}/${p4}\n${formatIPv6(c)} [${formatIPv6(c)}]/${p6}`,
          );
          expect(specs).toHaveLength(5);
          expect(specs[0]).toMatchObject({ family: 4, first: a, last: a });
          expect(specs[1]).toMatchObject({ family: 4, first: lo, last: hi });
          const size4 = 1n << BigInt(32 - p4);
          expect(specs[2]).toMatchObject({
            first: a - (a % size4),
            last: a - (a % size4) + size4 - 1n,
          });
          expect(specs[3]).toMatchObject({ family: 6, first: c, last: c });
          const size6 = 1n << BigInt(128 - p6);
          expect(specs[4]).toMatchObject({ family: 6, first: c - (c % size6) });
        },
      ),
      { numRuns: 500 },
    );
  });
});
