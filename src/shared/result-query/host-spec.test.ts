import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { hostSpecProblem, parseHostSpec } from './host-spec';

describe('parseHostSpec', () => {
  it('reads CIDR blocks of either family, ignoring host bits, however large', () => {
    expect(parseHostSpec('10.0.0.7/24')).toEqual({
      kind: 'block',
      family: 4,
      first: 0x0a000000n,
      last: 0x0a0000ffn,
    });
    expect(parseHostSpec('0.0.0.0/0')).toMatchObject({ first: 0n, last: (1n << 32n) - 1n });
    // A /32 of IPv6 is far more than a scan may cover, and a fine filter.
    expect(parseHostSpec('2001:db8::/32')).toEqual({
      kind: 'block',
      family: 6,
      first: 0x20010db8n << 96n,
      last: (0x20010db8n << 96n) | ((1n << 96n) - 1n),
    });
    expect(parseHostSpec('::1/128')).toMatchObject({ first: 1n, last: 1n });
  });

  it('reads addresses and ranges as blocks, names in lower case, and anything with * as a pattern', () => {
    expect(parseHostSpec(' 10.0.0.1 ')).toMatchObject({ kind: 'block', first: 0x0a000001n });
    expect(parseHostSpec('10.0.0.1-20')).toMatchObject({ first: 0x0a000001n, last: 0x0a000014n });
    expect(parseHostSpec('0::1')).toMatchObject({ family: 6, first: 1n, last: 1n });
    expect(parseHostSpec('DB.Lan.')).toEqual({ kind: 'name', name: 'db.lan' });
    expect(parseHostSpec('10.0.*.1 "x"')).toEqual({ kind: 'pattern', pattern: '10.0.*.1 "x"' });
  });

  it('names what is wrong, for the schema and the query', () => {
    expect(() => parseHostSpec('1.2.3.4/40')).toThrow(InputError);
    expect(hostSpecProblem('1.2.3.4/40')).toBe('"1.2.3.4/40" has a prefix longer than /32');
    expect(hostSpecProblem('fd00::/129')).toBe('"fd00::/129" has a prefix longer than /128');
    expect(hostSpecProblem('1.2.3.4')).toBeNull();
  });
});
