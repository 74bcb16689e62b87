import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PORT_STATES, type PortState } from '../domain';
import { forEachRunPort, PortRunsCollector, runsOfSortedPorts, runsPortCount } from './port-runs';

describe('port runs', () => {
  it('encodes ascending ports as inclusive runs', () => {
    expect(runsOfSortedPorts([80, 81, 82, 90])).toEqual([80, 82, 90, 90]);
    expect(runsOfSortedPorts([])).toEqual([]);
    expect(runsOfSortedPorts([1, 65535])).toEqual([1, 1, 65535, 65535]);
  });

  it('gives back exactly the ports and states collected, whatever their order and repeats', () => {
    const settled = fc.array(
      fc.record({
        host: fc.constantFrom('127.0.0.1', '::1', '127.0.0.2'),
        port: fc.integer({ min: 1, max: 65535 }),
        state: fc.constantFrom(...PORT_STATES),
      }),
      { maxLength: 400 },
    );
    fc.assert(
      fc.property(settled, (list) => {
        const collector = new PortRunsCollector();
        const expected = new Map<string, Map<number, Set<PortState>>>();
        for (const { host, port, state } of list) {
          collector.add(host, null, port, state);
          const ports = expected.get(host) ?? new Map<number, Set<PortState>>();
          expected.set(host, ports);
          ports.set(port, (ports.get(port) ?? new Set()).add(state));
        }
        const taken = collector.take();
        expect(new Set(taken.map((h) => h.host))).toEqual(new Set(expected.keys()));
        for (const { host, runs } of taken) {
          const seen = new Map<number, Set<PortState>>();
          forEachRunPort(runs, (port, state) =>
            seen.set(port, (seen.get(port) ?? new Set()).add(state)),
          );
          expect(seen).toEqual(expected.get(host));
          for (const pairs of Object.values(runs)) {
            // Ascending, disjoint and not touching: each run is as long as it can be.
            for (let i = 2; i < pairs.length; i += 2)
              expect(pairs[i]!).toBeGreaterThan(pairs[i - 1]! + 1);
          }
        }
        expect(collector.take()).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a host reached by name apart from the same address given bare', () => {
    const collector = new PortRunsCollector();
    collector.add('127.0.0.1', null, 22, 'open');
    collector.add('127.0.0.1', 'localhost', 22, 'closed');
    expect(collector.take()).toEqual([
      { host: '127.0.0.1', hostname: null, runs: { open: [22, 22] } },
      { host: '127.0.0.1', hostname: 'localhost', runs: { closed: [22, 22] } },
    ]);
  });

  it('counts the ports runs hold', () => {
    expect(runsPortCount({ closed: [1, 79, 81, 100], open: [80, 80] })).toBe(100);
  });
});
