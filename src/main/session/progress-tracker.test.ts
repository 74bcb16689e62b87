import { describe, expect, it } from 'vitest';
import type { PortResult, PortState } from '../../shared/domain';
import { ProgressTracker } from './progress-tracker';

const result = (port: number, state: PortState): PortResult => ({
  host: '127.0.0.1',
  hostname: null,
  port,
  protocol: 'tcp',
  state,
  reason: state === 'open' ? 'syn-ack' : 'conn-refused',
  rttUs: 10,
  service: null,
  banner: null,
  scannedAt: 0,
});

describe('ProgressTracker', () => {
  it('counts states, hands out new open ports once, and computes rate and ETA', () => {
    let now = 1_000;
    const tracker = new ProgressTracker(100, 1_000, () => now);
    now = 2_000;
    tracker.add([result(1, 'open'), result(2, 'closed'), result(3, 'filtered')]);
    now = 3_000;
    tracker.add([result(4, 'closed'), result(5, 'error'), result(6, 'open')]);
    expect(tracker.counts).toEqual({ open: 2, closed: 2, filtered: 1, error: 1 });
    expect(tracker.done).toBe(6);
    expect(tracker.takeNewOpen().map((r) => r.port)).toEqual([1, 6]);
    expect(tracker.takeNewOpen()).toEqual([]);
    // 3 probes between the first sample (t=2s) and now (t=3s).
    expect(tracker.rate()).toBeCloseTo(3);
    expect(tracker.etaSeconds()).toBeCloseTo(94 / 3);
    expect(tracker.elapsedMs()).toBe(2_000);
  });

  it('forgets samples older than its window, so the rate follows a slowdown', () => {
    let now = 0;
    const tracker = new ProgressTracker(1_000, 0, () => now);
    for (let t = 0; t <= 10_000; t += 1_000) {
      now = t;
      tracker.add(Array.from({ length: t < 5_000 ? 100 : 10 }, (_, i) => result(i + 1, 'closed')));
    }
    expect(tracker.rate()).toBeCloseTo(10, 0);
  });

  it('has no ETA before it has a rate', () => {
    const tracker = new ProgressTracker(10, 0, () => 0);
    expect(tracker.etaSeconds()).toBeNull();
  });

  it('hands out the ports settled since the last call as runs, only when asked to map them', () => {
    const mapping = new ProgressTracker(10, 0, () => 0, { portMap: true });
    mapping.add([result(3, 'closed'), result(1, 'closed'), result(2, 'open'), result(4, 'closed')]);
    expect(mapping.takeSettled()).toEqual([
      { host: '127.0.0.1', hostname: null, runs: { closed: [1, 1, 3, 4], open: [2, 2] } },
    ]);
    expect(mapping.takeSettled()).toEqual([]);
    const plain = new ProgressTracker(10, 0, () => 0);
    plain.add([result(1, 'closed')]);
    expect(plain.takeSettled()).toEqual([]);
  });
});
