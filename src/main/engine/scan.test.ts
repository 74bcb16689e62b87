import { describe, expect, it } from 'vitest';
import type { PortResult } from '../../shared/domain';
import type { BatchQueue } from './batch-queue';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NativeProber, loadNativeProber } from './native-prober';
import { planScan } from './plan';
import { startScan } from './scan-run';
import { findWorkerEntry, probeWorkerCount } from './worker-entry';
import {
  byPort,
  close,
  collect,
  listen,
  request,
  socketFds,
  socketFdsSettled,
  timeWaitOn,
  useLoopbackFixture,
} from './test-support/fixtures';

// Real sockets, loopback only (127.0.0.0/8 and ::1). Sweeps of many ports go to 127.88.0.1, where
// nothing listens, so that tests of other parts running at the same time on 127.0.0.1 see no
// stray connections.
const BULK_TARGET = '127.88.0.1';
const lo = useLoopbackFixture();

// The native prober's threads when the addon is built (Linux), and the JavaScript prober with
// each connector, here and in workers.
const native = loadNativeProber() !== null;
const PROBERS = [
  ...(native ? [{ connector: undefined, threads: 1, prober: 'native' } as const] : []),
  ...(native ? [{ connector: undefined, threads: 2, prober: 'native' } as const] : []),
  { connector: 'tcp-wrap', threads: 1, prober: 'js' },
  { connector: 'net-socket', threads: 1, prober: 'js' },
  { connector: 'tcp-wrap', threads: 2, prober: 'js' },
] as const;

describe.each(PROBERS)(
  'startScan on real sockets ($prober, $connector, $threads thread(s))',
  ({ connector, threads, prober }) => {
    const options = { ...(connector ? { connector } : {}), threads } as const;

    it('finds listeners open (with rtt) and unused ports closed, on 127.0.0.1 and ::1', async () => {
      const ports = [lo.v4.port, lo.v6.port, lo.v4Closed, lo.v6Closed].join(',');
      const plan = await planScan(request({ targets: '127.0.0.1 ::1', ports }));
      const run = startScan(plan, options);
      expect(run.prober).toBe(prober);
      const results = await collect(run);
      expect(results).toHaveLength(plan.totalProbes);
      const got = byPort(results);
      expect(got.size).toBe(plan.totalProbes);
      expect(got.get(`127.0.0.1:${lo.v4.port}`)).toMatchObject({
        state: 'open',
        reason: 'syn-ack',
        protocol: 'tcp',
      });
      expect(got.get(`::1:${lo.v6.port}`)).toMatchObject({ state: 'open', reason: 'syn-ack' });
      expect(got.get(`127.0.0.1:${lo.v4Closed}`)).toMatchObject({
        state: 'closed',
        reason: 'conn-refused',
      });
      expect(got.get(`::1:${lo.v6Closed}`)).toMatchObject({
        state: 'closed',
        reason: 'conn-refused',
      });
      for (const r of results) {
        expect(r.rttUs).toBeGreaterThan(0);
        expect(r.scannedAt).toBeGreaterThan(0);
        expect(r.hostname).toBeNull();
      }
    });

    it('scans a range with every port exactly once', async () => {
      const plan = await planScan(
        request({ targets: BULK_TARGET, ports: '1-6000', concurrency: 300 }),
      );
      const results = await collect(startScan(plan, options));
      expect(results).toHaveLength(6000);
      expect(new Set(results.map((r) => r.port)).size).toBe(6000);
      expect(results.filter((r) => r.state === 'error' || r.state === 'filtered')).toEqual([]);
    });
  },
);

describe.each([...(native ? [undefined] : []), 'tcp-wrap', 'net-socket'] as const)(
  'closing open ports (%s)',
  (connector) => {
    it('closes with a reset: no TIME_WAIT left behind', async () => {
      const servers = await Promise.all(Array.from({ length: 20 }, () => listen('127.0.0.1')));
      try {
        const ports = servers.map((s) => s.port);
        for (let round = 0; round < 3; round += 1) {
          const plan = await planScan(request({ targets: '127.0.0.1', ports: ports.join(',') }));
          const results = await collect(
            startScan(plan, { ...(connector ? { connector } : {}), threads: 1 }),
          );
          expect(results.every((r) => r.state === 'open')).toBe(true);
        }
        expect(timeWaitOn(ports)).toBe('');
      } finally {
        await Promise.all(servers.map(close));
      }
    });
  },
);

describe('startScan control', () => {
  it('reaches hosts by name and records the name', async () => {
    const plan = await planScan(request({ targets: 'localhost', ports: String(lo.v4.port) }));
    const results = await collect(startScan(plan));
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.hostname === 'localhost')).toBe(true);
    expect(results.find((r) => r.host === '127.0.0.1')).toMatchObject({
      state: 'open',
      reason: 'syn-ack',
    });
  });

  // The default prober (native where built) and the JavaScript one in workers.
  const CONTROLLED: readonly { readonly connector?: 'tcp-wrap' }[] = [
    {},
    { connector: 'tcp-wrap' },
  ];

  it.each(CONTROLLED)('cancels through an AbortSignal, keeping what was probed (%o)', async (o) => {
    const plan = await planScan(request({ targets: BULK_TARGET, ports: '-', concurrency: 20 }));
    const controller = new AbortController();
    const before = socketFds();
    const run = startScan(plan, { ...o, signal: controller.signal, threads: 2 });
    expect(run.prober).toBe(o.connector === undefined && native ? 'native' : 'js');
    const seen = new Set<number>();
    for await (const batch of run.batches) {
      for (const r of batch) {
        expect(seen.has(r.port)).toBe(false);
        seen.add(r.port);
      }
      if (seen.size > 500) controller.abort();
    }
    expect(seen.size).toBeGreaterThan(500);
    expect(seen.size).toBeLessThan(65535);
    // The probing really stopped: its threads or workers let go of every socket at once (a
    // prober that went on would hold its window of sockets for the rest of the 65,535 ports).
    expect(await socketFdsSettled(before, 300)).toBeLessThanOrEqual(before);
  });

  it.each(CONTROLLED)('pauses and resumes (%o)', async (o) => {
    const plan = await planScan(
      request({ targets: BULK_TARGET, ports: '1-20000', concurrency: 50 }),
    );
    const run = startScan(plan, { ...o, threads: 2 });
    expect(run.prober).toBe(o.connector === undefined && native ? 'native' : 'js');
    let count = 0;
    let pausedAt = -1;
    const seen = new Set<number>();
    for await (const batch of run.batches) {
      for (const r of batch) seen.add(r.port);
      count += batch.length;
      if (pausedAt < 0 && count > 1000) {
        run.pause();
        expect(run.paused).toBe(true);
        pausedAt = count;
        setTimeout(() => {
          // While paused, only tries already in flight may finish: at most a window's worth.
          expect(count - pausedAt).toBeLessThanOrEqual(50 + 2048);
          run.resume();
        }, 300);
      }
    }
    expect(run.paused).toBe(false);
    expect(count).toBe(20000);
    expect(seen.size).toBe(20000);
  });

  it('holds probing back while the consumer does not keep up', async () => {
    const plan = await planScan(request({ targets: '127.88.0.1-3', ports: '-', concurrency: 200 }));
    const run = startScan(plan, { threads: 2 });
    await new Promise((r) => setTimeout(r, 2500));
    // 196,605 results are at least 192 batches; probing pauses at 64 queued (plus what was in
    // flight) and goes on as the consumer catches up.
    const backlog = (run.batches as BatchQueue<PortResult[]>).backlog;
    expect(backlog).toBeGreaterThanOrEqual(64);
    expect(backlog).toBeLessThanOrEqual(90);
    const results = await collect(run);
    expect(results).toHaveLength(3 * 65535);
    expect(new Set(results.map((r) => `${r.host}:${r.port}`)).size).toBe(3 * 65535);
  });

  it('scans on alone when the worker cannot start', async () => {
    const plan = await planScan(request({ targets: BULK_TARGET, ports: '1-5000' }));
    const run = startScan(plan, {
      connector: 'tcp-wrap',
      threads: 2,
      workerEntry: { script: 'throw new Error("no worker here")', eval: true },
    });
    const results = await collect(run);
    expect(results).toHaveLength(5000);
    expect(new Set(results.map((r) => r.port)).size).toBe(5000);
  });

  it('probes a big scan in workers, not on the main thread, when the native prober cannot start', async () => {
    // A stand-in for an addon whose threads the kernel refuses (EAGAIN): that cannot be made
    // to happen for real here (root is not held to RLIMIT_NPROC).
    const refusing: NativeProber = {
      start: () => {
        throw Object.assign(new Error('start: cannot start a probing thread'), { code: 'EAGAIN' });
      },
      feed: () => 0,
      end: () => undefined,
      poll: () => 0,
      control: () => undefined,
      close: () => undefined,
    };
    // Each worker that starts leaves a line in this file before it loads the probe worker.
    const marker = join(mkdtempSync(join(tmpdir(), 'porthole-workers-')), 'started');
    const entry = findWorkerEntry();
    if (entry === null) throw new Error('no probe worker entry');
    const script = entry.eval ? entry.script : `require(${JSON.stringify(entry.script)});`;
    const plan = await planScan(request({ targets: BULK_TARGET, ports: '1-5000' }));
    const run = startScan(plan, {
      threads: 2,
      nativeProber: refusing,
      workerEntry: {
        script: `require('node:fs').appendFileSync(${JSON.stringify(marker)}, 'worker\\n');\n${script}`,
        eval: true,
      },
    });
    const results = await collect(run);
    expect(run.prober).toBe('js');
    expect(results).toHaveLength(5000);
    expect(readFileSync(marker, 'utf8').trim().split('\n')).toHaveLength(probeWorkerCount());
  });

  it('really limits the probe rate', async () => {
    const plan = await planScan(request({ targets: '127.0.0.1', ports: '1-60', rate: 100 }));
    const started = performance.now();
    const results = await collect(startScan(plan));
    const seconds = (performance.now() - started) / 1000;
    expect(results).toHaveLength(60);
    // 60 probes at 100/s: about 0.6 s; generous bounds, this is not a timing test.
    expect(seconds).toBeGreaterThan(0.4);
    expect(seconds).toBeLessThan(10);
  });
});
