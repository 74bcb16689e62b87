import { describe, expect, it } from 'vitest';
import type { ProgressFrame } from '../../shared/progress';
import { renderProgressLine } from './progress-bar';

const frame = (over: Partial<ProgressFrame>): ProgressFrame => ({
  scanId: null,
  status: 'running',
  counts: { open: 3, closed: 497, filtered: 0, error: 0 },
  done: 500,
  total: 1000,
  rate: 250,
  etaSeconds: 2,
  elapsedMs: 2000,
  newOpen: [],
  settled: [],
  ...over,
});

describe('renderProgressLine', () => {
  it('shows the fraction, counts, rate, ETA and open ports on one line', () => {
    expect(renderProgressLine(frame({}))).toBe(
      '[############............]  50% 500/1000 250/s ETA 2s open 3',
    );
  });

  it('says when the scan is paused and formats minutes', () => {
    const line = renderProgressLine(frame({ status: 'paused', etaSeconds: 125 }));
    expect(line).toContain('ETA 2m05s');
    expect(line).toContain('(paused)');
    expect(line).not.toContain('\n');
  });
});
