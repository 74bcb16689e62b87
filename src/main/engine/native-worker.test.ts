import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { classify } from './errno';
import { loadNativeProber } from './native-prober';
import { makeLayout } from './probe-layout';
import { newCursorBuffer } from './work-source';
import { findWorkerEntry } from './worker-entry';
import { type WorkerEngine, startWorkerEngine } from './worker-engine';

// A probe worker running the native prober, driven like scan-run drives it: results, pause and
// resume through the control word while the C loop blocks the worker, terminate. Loopback only.
const native = loadNativeProber() !== null;
const entry = findWorkerEntry();
const BULK = { family: 4, first: 0x7f580004n, last: 0x7f580004n, hostname: null } as const; // 127.88.0.4

interface Run {
  worker: Worker;
  engine: WorkerEngine;
  statuses: Map<number, number>;
  ended: Promise<void>;
}

function start(ports: number, window: number, timeoutMs = 1000): Run {
  if (entry === null) throw new Error('no probe worker entry');
  const layout = makeLayout(
    [BULK],
    Uint16Array.from({ length: ports }, (_, i) => i + 1),
  );
  const statuses = new Map<number, number>();
  let engine: WorkerEngine | null = null;
  const worker = new Worker(entry.script, { eval: entry.eval });
  const ended = new Promise<void>((resolve, reject) => {
    engine = startWorkerEngine(
      worker,
      { layout, cursor: newCursorBuffer(), chunkSize: 64, window, timeoutMs, retries: 0 },
      {
        accept: (index, status) => {
          expect(statuses.has(index)).toBe(false);
          statuses.set(index, status);
        },
        done: resolve,
        fail: reject,
      },
    );
  });
  if (engine === null) throw new Error('engine not started');
  return { worker, engine, statuses, ended };
}

describe.skipIf(!native || entry === null)('a probe worker on the native prober', () => {
  it('runs the native prober and reports every probe once', async () => {
    const run = start(8000, 500);
    await run.ended;
    expect(run.engine.prober).toBe('native');
    expect(run.statuses.size).toBe(8000);
    const states = new Set([...run.statuses.values()].map((s) => classify(s).state));
    expect([...states].every((s) => s === 'closed' || s === 'open')).toBe(true);
  });

  it('pauses and resumes through the control word while the C loop runs', async () => {
    const run = start(30000, 20);
    while (run.statuses.size < 1000) await new Promise((r) => setTimeout(r, 5));
    run.engine.pause();
    // What was in flight may still land (at most a window), then nothing.
    await new Promise((r) => setTimeout(r, 150));
    const atPause = run.statuses.size;
    await new Promise((r) => setTimeout(r, 300));
    expect(run.statuses.size).toBe(atPause);
    run.engine.resume();
    await run.ended;
    expect(run.statuses.size).toBe(30000);
  });

  it('terminates promptly in the middle of a scan', async () => {
    const run = start(65535, 50);
    while (run.statuses.size < 500) await new Promise((r) => setTimeout(r, 5));
    const exited = once(run.worker, 'exit');
    const started = performance.now();
    run.engine.terminate();
    // The worker thread really ends (its C loop saw the stop), not just its messages.
    await exited;
    const tookMs = performance.now() - started;
    const after = run.statuses.size;
    await new Promise((r) => setTimeout(r, 200));
    expect(run.statuses.size).toBe(after);
    expect(after).toBeLessThan(65535);
    // Generous on a shared machine: a loop ignoring the stop would run the whole 65,535 ports.
    expect(tookMs).toBeLessThan(5000);
  });
});
