import { describe, expect, it } from 'vitest';
import { methodInputs } from './contract';
import { parseWith } from './validate';

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
};

describe('parseWith', () => {
  it('names what is wrong inside a field that takes one value or a list', () => {
    const hosts = Array.from({ length: 51 }, (_, i) => `10.0.0.${i}`);
    expect(
      messageOf(() => parseWith(methodInputs.getResults, { scanId: 1, filter: { host: hosts } })),
    ).toBe('filter.host: give at most 50 hosts');
  });

  it('names the field of a saved profile’s request, as a scan’s would be named', () => {
    expect(
      messageOf(() =>
        parseWith(methodInputs.saveProfile, { name: 'lab', request: { targets: '', ports: '22' } }),
      ),
    ).toBe('request.targets: give at least one target');
    expect(
      parseWith(methodInputs.saveProfile, { name: 'lab', request: { targets: '10.0.0.1' } }),
    ).toEqual({ name: 'lab', request: { targets: '10.0.0.1' } });
  });
});
