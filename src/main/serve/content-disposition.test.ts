import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition';

describe('contentDisposition', () => {
  it('names an ASCII file twice, plainly', () => {
    expect(contentDisposition('porthole-scan-12-open.csv')).toBe(
      `attachment; filename="porthole-scan-12-open.csv"; filename*=UTF-8''porthole-scan-12-open.csv`,
    );
  });

  it('keeps any script in the starred form, with an ASCII stand-in for old clients', () => {
    expect(contentDisposition('porthole-scan-3-büro-東京.csv')).toBe(
      `attachment; filename="porthole-scan-3-b_ro-__.csv"; ` +
        `filename*=UTF-8''porthole-scan-3-b%C3%BCro-%E6%9D%B1%E4%BA%AC.csv`,
    );
  });

  it('never lets a name add a header, a parameter, a path or a hidden file', () => {
    expect(contentDisposition('.."; x=1\r\nSet-Cookie: a=b/../c')).toBe(
      `attachment; filename="_.___x_1__Set-Cookie__a_b_.._c"; ` +
        `filename*=UTF-8''_.___x_1__Set-Cookie__a_b_.._c`,
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (name) => {
        const header = contentDisposition(name);
        expect(header).toMatch(
          /^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9._%-]+$/,
        );
        expect(header).not.toMatch(/filename="\./);
      }),
      { numRuns: 500 },
    );
  });
});
