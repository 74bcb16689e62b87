import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PORT_STATES } from '../domain';
import { InputError } from '../errors';
import { ResultFilterSchema, type ResultFilterInput } from '../history';
import { formatIPv4, formatIPv6 } from '../targets';
import { formatResultQuery } from './format';
import { normalizeResultFilter } from './normalize';
import { parseResultQuery } from './parse';

// Text made of what a query treats specially: quotes, backslashes, commas, colons, stars,
// LIKE's metacharacters, spaces of several kinds, letters of both cases and state words.
const tricky = fc.constantFrom(
  ...'aZé0:,*"\\%_ -/.\t'.split(''),
  '\u00a0',
  'open',
  'Error',
  'port:',
  'host:',
);
const text = (maxLength: number) =>
  fc.array(tricky, { maxLength: 40 }).map((parts) => parts.join('').slice(0, maxLength));

const oneOrList = <T>(item: fc.Arbitrary<T>, max: number): fc.Arbitrary<T | T[]> =>
  fc.oneof(item, fc.array(item, { minLength: 1, maxLength: max }));

const port = fc.integer({ min: 1, max: 65535 });
const portEntry = fc.oneof(
  port,
  fc.tuple(port, port).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })),
);

const v4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }).map(formatIPv4);
const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map(formatIPv6);
const hostEntry = fc.oneof(
  v4,
  v6,
  fc.tuple(v4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(v6, fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`),
  fc.domain(),
  // Patterns may hold anything at all around their star.
  fc.tuple(text(100), text(100)).map(([a, b]) => `${a}*${b}`),
);

const service = text(100).filter((s) => s.trim() !== '');

const filters: fc.Arbitrary<ResultFilterInput> = fc.record(
  {
    state: oneOrList(fc.constantFrom(...PORT_STATES), 4),
    host: oneOrList(hostEntry, 50),
    port: oneOrList(portEntry, 100),
    service: oneOrList(service, 50),
    banner: text(500),
    text: text(500),
  },
  { requiredKeys: [] },
);

describe('query text and filters', () => {
  it('generates only filters the contract accepts', () => {
    fc.assert(
      fc.property(filters, (f) => {
        expect(ResultFilterSchema.safeParse(f).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('reads back what it writes: parse(format(f)) is the normalized f', () => {
    fc.assert(
      fc.property(filters, (f) => {
        const query = formatResultQuery(f);
        expect(parseResultQuery(query)).toEqual(normalizeResultFilter(f));
        // The canonical text is a fixed point.
        expect(formatResultQuery(parseResultQuery(query))).toBe(query);
      }),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('throws nothing but InputError on any text, and what it returns the contract accepts', () => {
    const queryish = fc
      .array(
        fc.oneof(
          tricky,
          fc.constantFrom('state:', 'service:', 'banner:', 'closed', '80', '-', '10.0.0.', '/24'),
          fc.constantFrom(' ', ',', '"', '::1', '70000', 'x:'),
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), queryish), (query) => {
        try {
          const filter = parseResultQuery(query);
          expect(ResultFilterSchema.safeParse(filter).success).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).field).toBe('query');
        }
      }),
      { numRuns: 3000 },
    );
  }, 30_000);
});
