import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortResult } from '../../shared/domain';
import { PendingResults } from './pending-results';
import { result } from './test-support';

/** Row i read back from the columns, as the inserter reads it. */
const rowAt = (p: PendingResults, i: number): PortResult => ({
  host: p.host[i]!,
  hostname: p.hostname[i] === '' ? null : p.hostname[i]!,
  port: p.port[i]!,
  protocol: p.protocol[i]!,
  state: p.state[i]!,
  reason: p.reason[i]!,
  rttUs: p.rttUs(i),
  service: p.service[i]!,
  banner: p.banner[i]!,
  scannedAt: p.scannedAt[i]!,
});

const queuedRows = (p: PendingResults): PortResult[] =>
  Array.from({ length: p.queued }, (_, k) => rowAt(p, p.head + k));

/** Row n of a stream: every column varies, nulls included, so a misplaced row shows. */
const nthResult = (n: number): PortResult =>
  result(1 + (n % 65535), {
    state: (['open', 'closed', 'filtered'] as const)[n % 3],
    rttUs: n % 7 === 0 ? null : n % 7 === 1 ? 0 : n * 3,
    hostname: n % 5 === 0 ? `h${n}.example` : null,
    banner: n % 11 === 0 ? `banner ${n}` : null,
    scannedAt: 1_700_000_000_000 + n,
  });

describe('PendingResults', () => {
  it('gives back every queued row exactly, through growth, commits and compaction', () => {
    fc.assert(
      fc.property(
        // Batches (how many rows arrive), each followed by how many queued rows then commit;
        // big enough to pass both the first growth (1,024) and the compaction point (8,192).
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4000 }), fc.nat({ max: 6000 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (steps) => {
          const pending = new PendingResults();
          let model: PortResult[] = [];
          let n = 0;
          for (const [arriving, commitWish] of steps) {
            for (let k = 0; k < arriving; k++) {
              const row = nthResult(n++);
              pending.push(row);
              model.push(row);
            }
            const commit = Math.min(commitWish, pending.queued);
            pending.committedUpTo(pending.head + commit);
            model = model.slice(commit);
            expect(queuedRows(pending)).toEqual(model);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 30_000);

  it('keeps no rows once everything is committed, and none after clear()', () => {
    const pending = PendingResults.of([result(1), result(2), result(3)]);
    pending.committedUpTo(3);
    expect(pending.length).toBe(0);
    expect(pending.host).toEqual([]);
    pending.push(result(9));
    pending.clear();
    expect(pending.queued).toBe(0);
    expect(pending.banner).toEqual([]);
  });
});
