import { describe, expect, it } from 'vitest';
import { toScanId, type PortResult } from '../../../shared/domain';
import type { ProgressFrame } from '../../../shared/progress';
import { MAX_RATE_POINTS, newLiveScan, withFrame, withStoredOpen } from './live-scan';

const open = (host: string, port: number): PortResult => ({
  host,
  hostname: null,
  port,
  protocol: 'tcp',
  state: 'open',
  reason: 'syn-ack',
  rttUs: 50,
  service: null,
  banner: null,
  scannedAt: 0,
});

const frame = (elapsedMs: number, newOpen: PortResult[] = []): ProgressFrame => ({
  scanId: toScanId(1),
  status: 'running',
  counts: { open: 1, closed: 2, filtered: 0, error: 0 },
  done: 3,
  total: 10,
  rate: elapsedMs,
  etaSeconds: 1,
  elapsedMs,
  newOpen,
  settled: [],
});

describe('withFrame', () => {
  it('takes the frame’s figures and adds its open ports per host', () => {
    let scan = newLiveScan(toScanId(1));
    scan = withFrame(scan, frame(100, [open('10.0.0.1', 22), open('10.0.0.2', 80)]));
    scan = withFrame(scan, frame(200, [open('10.0.0.1', 443)]));
    expect(scan).toMatchObject({ done: 3, total: 10, status: 'running' });
    expect(scan.openPorts.map((p) => p.port)).toEqual([22, 80, 443]);
    expect(scan.openPerHost).toEqual({ '10.0.0.1': 2, '10.0.0.2': 1 });
  });

  it('keeps a bounded rate history that still spans the whole scan', () => {
    let scan = newLiveScan(toScanId(1));
    for (let ms = 0; ms <= 3_600_000; ms += 50) scan = withFrame(scan, frame(ms));
    expect(scan.rateHistory.length).toBeLessThanOrEqual(MAX_RATE_POINTS);
    expect(scan.rateHistory.length).toBeGreaterThan(MAX_RATE_POINTS / 2);
    expect(scan.rateHistory[0]!.t).toBe(0);
    expect(scan.rateHistory.at(-1)!.t).toBeGreaterThan(3500);
  });

  it('returns a new object and never touches the old one', () => {
    const before = newLiveScan(toScanId(1));
    const after = withFrame(before, frame(100, [open('10.0.0.1', 22)]));
    expect(after).not.toBe(before);
    expect(before.openPorts).toEqual([]);
  });
});

describe('withStoredOpen', () => {
  it('counts a port once whether a frame or the history brought it, in either order', () => {
    let scan = newLiveScan(toScanId(1));
    // Frames first: port 22 was committed before the history was read and framed after.
    scan = withFrame(scan, frame(100, [open('10.0.0.1', 22), open('10.0.0.1', 8080)]));
    scan = withStoredOpen(scan, { '10.0.0.1': 3, '10.0.0.9': 4 }, [
      open('10.0.0.1', 21),
      open('10.0.0.1', 22),
    ]);
    expect(scan.openPorts.map((p) => p.port)).toEqual([21, 22, 8080]);
    // The stored count (3) and the ports seen (21, 22, 8080) agree; host .9 only from the store.
    expect(scan.openPerHost).toEqual({ '10.0.0.1': 3, '10.0.0.9': 4 });
    // A later frame repeating 8080 adds nothing; a new port goes past the stored count.
    scan = withFrame(scan, frame(200, [open('10.0.0.1', 8080)]));
    expect(scan.openPerHost['10.0.0.1']).toBe(3);
    scan = withFrame(scan, frame(300, [open('10.0.0.1', 443)]));
    expect(scan.openPorts.map((p) => p.port)).toEqual([21, 22, 8080, 443]);
    expect(scan.openPerHost).toEqual({ '10.0.0.1': 4, '10.0.0.9': 4 });
  });
});
