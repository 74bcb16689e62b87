import { describe, expect, it } from 'vitest';
import type { PortResult, ScanId } from '../../shared/domain';
import { DIFF_CHANGE_LIMIT, type PortChange } from '../../shared/history';
import { result, useTempDatabase, writeFinishedScan } from './test-support';

const tempDb = useTempDatabase('all');

const scan = (
  rows: PortResult[],
  startedAt: number,
  status: 'completed' | 'cancelled' = 'completed',
): Promise<ScanId> =>
  writeFinishedScan(tempDb(), rows, { targets: '10.0.0.1-3', startedAt, status });

const at = (host: string, port: number, over: Partial<PortResult> = {}) =>
  result(port, { host, ...over });

describe('diffScans', () => {
  it('reports hosts added and gone, state/service/banner changes, ports newly open or gone', async () => {
    const before = await scan(
      [
        at('10.0.0.1', 22, { state: 'open', service: 'ssh', banner: 'OpenSSH_9.1' }),
        at('10.0.0.1', 80, { state: 'open', service: 'http' }),
        at('10.0.0.1', 443),
        at('10.0.0.2', 22, { state: 'open' }),
        at('10.0.0.3', 22, { state: 'filtered' }),
        at('10.0.0.1', 8080, { state: 'open' }), // not scanned later
      ],
      1000,
    );
    const after = await scan(
      [
        at('10.0.0.1', 22, { state: 'open', service: 'ssh', banner: 'OpenSSH_9.2' }),
        at('10.0.0.1', 80, { state: 'closed' }),
        at('10.0.0.1', 443, { state: 'open', service: 'https' }),
        at('10.0.0.2', 22, { state: 'filtered' }),
        at('10.0.0.3', 22, { state: 'closed' }),
        at('10.0.0.1', 9090, { state: 'open' }), // not scanned before
      ],
      2000,
    );
    const diff = tempDb().diffScans(before, after);
    expect(diff.from).toBe(before);
    expect(diff.to).toBe(after);
    expect(diff.hostsAdded).toEqual([{ host: '10.0.0.3', hostname: null }]);
    expect(diff.hostsGone).toEqual([{ host: '10.0.0.2', hostname: null }]);
    expect(diff.truncated).toBe(false);
    const summary = diff.changes.map((c) => `${c.host}:${c.port} ${c.changed.join('+')}`);
    expect(summary).toEqual([
      '10.0.0.1:22 banner',
      '10.0.0.1:80 state+service',
      '10.0.0.1:443 state+service',
      '10.0.0.1:8080 gone',
      '10.0.0.1:9090 added',
      '10.0.0.2:22 state',
      '10.0.0.3:22 state',
    ]);
    const ssh = diff.changes[0]!;
    expect(ssh.before).toEqual({
      state: 'open',
      reason: 'syn-ack',
      service: 'ssh',
      banner: 'OpenSSH_9.1',
    });
    expect(ssh.after?.banner).toBe('OpenSSH_9.2');
    expect(diff.changes[4]!.before).toBeNull();
    expect(diff.changes[3]!.after).toBeNull();
    // "What changed since the previous scan of the same targets"
    expect(tempDb().previousScanOf(after)).toBe(before);
    expect(tempDb().diffWithPrevious(after)).toEqual(diff);
    expect(tempDb().diffWithPrevious(before)).toBeNull();
  });

  it('finds no change between identical scans', async () => {
    const rows = [at('10.0.0.1', 22, { state: 'open', banner: 'x' }), at('10.0.0.1', 23)];
    const a = await scan(rows, 5000);
    const b = await scan(rows, 6000);
    expect(tempDb().diffScans(a, b)).toMatchObject({ hostsAdded: [], hostsGone: [], changes: [] });
  });

  it('does not call what a cancelled scan never reached gone or added, and says which was partial', async () => {
    const full = await scan(
      [
        at('10.0.0.1', 22, { state: 'open' }),
        at('10.0.0.1', 80, { state: 'open' }),
        at('10.0.0.2', 22, { state: 'open' }),
      ],
      7000,
    );
    // Cancelled after one port: it never reached 10.0.0.1:80 nor 10.0.0.2.
    const cut = await scan([at('10.0.0.1', 22, { state: 'closed' })], 8000, 'cancelled');
    for (const [from, to] of [
      [full, cut],
      [cut, full],
    ] as const) {
      const diff = tempDb().diffScans(from, to);
      expect(diff.partial).toEqual([cut]);
      expect(diff.hostsAdded).toEqual([]);
      expect(diff.hostsGone).toEqual([]);
      // Only the port both scans probed is compared.
      expect(diff.changes.map((c) => `${c.host}:${c.port} ${c.changed.join(',')}`)).toEqual([
        '10.0.0.1:22 state',
      ]);
    }
    expect(tempDb().diffScans(full, full).partial).toEqual([]);
  });

  it("reports a new host's open ports as added, and compares each host with its namesake", async () => {
    const before = await scan(
      [at('10.0.0.1', 22, { state: 'open' }), at('10.0.0.3', 443, { state: 'open' })],
      9000,
    );
    const after = await scan(
      [
        at('10.0.0.3', 443, { state: 'closed' }),
        at('10.0.0.2', 80, { state: 'open', service: 'http' }),
        at('10.0.0.2', 81),
        at('10.0.0.1', 22, { state: 'open' }),
      ],
      10_000,
    );
    const diff = tempDb().diffScans(before, after);
    expect(diff.hostsAdded).toEqual([{ host: '10.0.0.2', hostname: null }]);
    expect(diff.hostsGone).toEqual([]);
    expect(diff.changes.map((c) => `${c.host}:${c.port} ${c.changed.join('+')}`)).toEqual([
      '10.0.0.2:80 added',
      '10.0.0.3:443 state',
    ]);
  });

  it('cut at DIFF_CHANGE_LIMIT, keeps the first changes in address order, not in the order written', async () => {
    // 10.0.0.9 is written first in both scans, and every one of its ports changes.
    const ports = Array.from({ length: DIFF_CHANGE_LIMIT + 1 }, (_, i) => i + 1);
    const before = await scan([...ports.map((p) => at('10.0.0.9', p)), at('10.0.0.1', 7)], 11_000);
    const after = await scan(
      [
        ...ports.map((p) => at('10.0.0.9', p, { state: 'filtered' })),
        at('10.0.0.1', 7, { state: 'open' }),
      ],
      12_000,
    );
    const diff = tempDb().diffScans(before, after);
    expect(diff.truncated).toBe(true);
    expect(diff.changes).toHaveLength(DIFF_CHANGE_LIMIT);
    const label = (c: PortChange) => `${c.host}:${c.port} ${c.changed.join('+')}`;
    expect(label(diff.changes[0]!)).toBe('10.0.0.1:7 state');
    expect(label(diff.changes.at(-1)!)).toBe(`10.0.0.9:${DIFF_CHANGE_LIMIT - 1} state`);
  });

  it('refuses a scan that does not exist', () => {
    expect(() => tempDb().diffScans(1 as ScanId, 9999 as ScanId)).toThrow(
      /scan 9999 is not in the history/,
    );
  });
});
