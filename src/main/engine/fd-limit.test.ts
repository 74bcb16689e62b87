import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:net';
import { readOpenFileLimit, socketBudget } from './fd-limit';
import { loadNativeProber } from './native-prober';
import { runScanChild } from './test-support/child';
import { close, listen } from './test-support/fixtures';

const native = loadNativeProber() !== null;

describe('open-file limit', () => {
  it('reads the soft limit from /proc/self/limits text', () => {
    const text =
      'Limit  Soft Limit  Hard Limit  Units\nMax open files            256                  4096                 files\n';
    expect(readOpenFileLimit(text)).toBe(256);
    expect(readOpenFileLimit('Max open files  unlimited  unlimited  files')).toBe(
      Number.MAX_SAFE_INTEGER,
    );
    expect(readOpenFileLimit('nothing here')).toBeNull();
  });

  it('keeps a budget under the limit with headroom', () => {
    expect(socketBudget(256, 20)).toBe(256 - 20 - 32);
    expect(socketBudget(20000, 30)).toBe(20000 - 30 - 2500);
    expect(socketBudget(40, 39)).toBe(1);
  });

  describe('a scan under ulimit -n 256 asking for 5,000 sockets', () => {
    const servers: (Server & { port: number })[] = [];
    beforeAll(async () => {
      // A loopback address of its own, so the sweep around the listeners meets nobody else's.
      for (let i = 0; i < 8; i += 1) servers.push(await listen('127.88.0.2'));
    });
    afterAll(async () => {
      for (const s of servers) await close(s);
    });

    // The native prober where it is built, and the JavaScript one (forced where it is).
    it.each([
      ['the default prober', 'the budget read from the limit', '', 'default'],
      [
        'the default prober',
        'a budget forced over the limit (real EMFILE, backed off)',
        'FORCE_SOCKET_BUDGET=5000 ',
        'default',
      ],
      ['the JavaScript prober', 'the budget read from the limit', '', 'js'],
      [
        'the JavaScript prober',
        'a budget forced over the limit (real EMFILE, backed off)',
        'FORCE_SOCKET_BUDGET=5000 ',
        'js',
      ],
    ] as const)(
      '%s with %s: every open port open, every closed port closed, none error',
      async (_by, _label, env, prober) => {
        const openPorts = new Set(servers.map((s) => s.port));
        const lo = Math.min(...openPorts) - 3000;
        const hi = Math.max(...openPorts) + 3000;
        const ports = `${Math.max(1, lo)}-${Math.min(65535, hi)},${[...openPorts].join(',')}`;
        const { rows, prober: ran } = await runScanChild(
          { targets: '127.88.0.2', ports, concurrency: 5000, timeoutMs: 5000 },
          `ulimit -n 256; ${env}exec {node}`,
          prober,
        );
        if (prober === 'js') expect(ran).toBe('js');
        else expect(ran).toBe(native ? 'native' : 'js');
        const byPort = new Map(rows.map((r) => [r[1], r]));
        expect(byPort.size).toBe(rows.length);
        expect(rows.filter((r) => r[2] === 'error' || r[2] === 'filtered')).toEqual([]);
        for (const port of openPorts) expect(byPort.get(port)?.[2]).toBe('open');
        // Other listeners on this machine may sit in the range; everything else must be closed.
        const closed = rows.filter((r) => r[2] === 'closed');
        expect(closed.length).toBeGreaterThan(rows.length - openPorts.size - 50);
        expect(closed.every((r) => r[3] === 'conn-refused')).toBe(true);
      },
      60_000,
    );
  });
});
