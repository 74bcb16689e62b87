import { describe, expect, it } from 'vitest';
import { constants } from 'node:os';
import type { Attempt, Connector } from './attempt';
import { NO_RESPONSE } from './errno';
import { ProbeLocator, makeLayout } from './probe-layout';
import { ProbeLoop, type ProbeLoopOptions } from './probe-loop';
import { ChunkedWorkSource, newCursorBuffer } from './work-source';

const EMFILE = -constants.errno.EMFILE;
const ECONNREFUSED = -constants.errno.ECONNREFUSED;

/** Scripted connector: `decide` says, per try, what happens (a status now, later, or never). */
function scripted(decide: (a: Attempt, launch: number) => number | 'silent') {
  const calls: { port: number; status: number | 'silent' }[] = [];
  let inflight = 0;
  let peak = 0;
  const make: ProbeLoopOptions['makeConnector'] = (onComplete) => {
    const connector: Connector = {
      kind: 'net-socket',
      start(a) {
        const status = decide(a, calls.length);
        calls.push({ port: a.port, status });
        if (typeof status === 'number' && status === EMFILE && a.localTries % 2 === 0)
          return EMFILE;
        inflight += 1;
        peak = Math.max(peak, inflight);
        const token = {};
        a.handle = token;
        if (status !== 'silent') setTimeout(() => a.handle === token && onComplete(a, status), 1);
        return 0;
      },
      finish(a) {
        a.handle = null;
        inflight -= 1;
      },
      abandon(a) {
        a.handle = null;
        inflight -= 1;
      },
    };
    return connector;
  };
  return { make, calls, peak: () => peak };
}

function run(
  ports: number[],
  options: Partial<ProbeLoopOptions> & Pick<ProbeLoopOptions, 'makeConnector'>,
) {
  const layout = makeLayout(
    [{ family: 4, first: 0x7f000001n, last: 0x7f000001n, hostname: null }],
    Uint16Array.from(ports),
  );
  const results = new Map<number, { status: number; rtt: number }>();
  return new Promise<Map<number, { status: number; rtt: number }>>((resolve) => {
    const loop = new ProbeLoop(
      new ChunkedWorkSource(newCursorBuffer(), layout.totalProbes, 64),
      new ProbeLocator(layout),
      (index, status, rtt) => {
        expect(results.has(layout.ports[index] ?? -1)).toBe(false);
        results.set(layout.ports[index] ?? -1, { status, rtt });
      },
      () => resolve(results),
      { window: 8, timeoutMs: 30, retries: 1, rate: null, backoffBaseMs: 1, ...options },
    );
    loop.start();
  });
}

describe('ProbeLoop', () => {
  it('keeps the window and reports every probe once', async () => {
    const s = scripted(() => ECONNREFUSED);
    const results = await run(
      Array.from({ length: 200 }, (_, i) => i + 1),
      { makeConnector: s.make, window: 8 },
    );
    expect(results.size).toBe(200);
    expect(s.peak()).toBeLessThanOrEqual(8);
    expect([...results.values()].every((r) => r.status === ECONNREFUSED && r.rtt >= 0)).toBe(true);
  });

  it('retries silent ports, then reports no response', async () => {
    const s = scripted((a) => (a.port === 7 ? 'silent' : ECONNREFUSED));
    const results = await run([5, 6, 7], { makeConnector: s.make, retries: 2 });
    expect(results.get(7)).toEqual({ status: NO_RESPONSE, rtt: -1 });
    expect(s.calls.filter((c) => c.port === 7)).toHaveLength(3);
  });

  it('answers a port that replies only on its retry', async () => {
    const s = scripted((a) => (a.port === 9 && a.tries === 0 ? 'silent' : 0));
    const results = await run([9], { makeConnector: s.make, retries: 1 });
    expect(results.get(9)?.status).toBe(0);
  });

  it('backs off and retries local resource failures (sync and async), never reporting them as closed', async () => {
    // Every port fails with EMFILE on its first two tries, then connects.
    const s = scripted((a) => (a.localTries < 2 ? EMFILE : ECONNREFUSED));
    const results = await run(
      Array.from({ length: 50 }, (_, i) => i + 1),
      { makeConnector: s.make },
    );
    expect(results.size).toBe(50);
    expect([...results.values()].every((r) => r.status === ECONNREFUSED)).toBe(true);
  });

  it('records a local failure that persists as that errno', async () => {
    const s = scripted((a) => (a.port === 3 ? EMFILE : ECONNREFUSED));
    const results = await run([1, 2, 3, 4], { makeConnector: s.make, maxLocalTries: 4 });
    expect(results.get(3)).toEqual({ status: EMFILE, rtt: -1 });
    expect(results.get(4)?.status).toBe(ECONNREFUSED);
  });

  it('paces probes under a rate limit', async () => {
    const s = scripted(() => ECONNREFUSED);
    const started = performance.now();
    await run(
      Array.from({ length: 30 }, (_, i) => i + 1),
      { makeConnector: s.make, rate: 100 },
    );
    // 30 probes at 100/s need at least ~0.25 s (one token in the bucket at the start).
    expect(performance.now() - started).toBeGreaterThan(200);
  });
});
