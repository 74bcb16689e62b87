import {
  emptyStateCounts,
  type PortResult,
  type ScanId,
  type ScanStatus,
  type StateCounts,
} from '../../../shared/domain';
import type { ScanDetail } from '../../../shared/history';
import type { ProgressFrame } from '../../../shared/progress';

/** One point of the probes-per-second chart. */
export interface RatePoint {
  /** Seconds since the scan started. */
  t: number;
  rate: number;
}

/** What the window knows of one scan: the latest frame, plus what the charts accumulate. */
export interface LiveScan {
  id: ScanId;
  status: ScanStatus;
  counts: StateCounts;
  done: number;
  /** Probes planned; null when the window never saw a frame of this scan (opened from history). */
  total: number | null;
  rate: number;
  etaSeconds: number | null;
  elapsedMs: number;
  error: string | null;
  /** Bounded: a long scan keeps its whole span at a coarser step. */
  rateHistory: RatePoint[];
  rateStepS: number;
  /** Open ports the window saw or loaded, newest last, at most OPEN_PORTS_KEPT. */
  openPorts: PortResult[];
  /** Open ports per host label (address, or "name (address)"). */
  openPerHost: Record<string, number>;
}

/** Enough for a readable line; each point is a redraw of the chart while the scan runs. */
export const MAX_RATE_POINTS = 120;
export const OPEN_PORTS_KEPT = 10_000;

export const hostLabel = (host: string, hostname: string | null): string =>
  hostname === null ? host : `${hostname} (${host})`;

export function newLiveScan(id: ScanId): LiveScan {
  return {
    id,
    status: 'running',
    counts: emptyStateCounts(),
    done: 0,
    total: null,
    rate: 0,
    etaSeconds: null,
    elapsedMs: 0,
    error: null,
    rateHistory: [],
    rateStepS: 0.5,
    openPorts: [],
    openPerHost: {},
  };
}

/** A scan opened from the history: what the store says of it; frames take over if it runs. */
export function liveScanFromDetail(detail: ScanDetail): LiveScan {
  return {
    ...newLiveScan(detail.id),
    status: detail.status,
    counts: detail.counts,
    done: detail.resultCount,
    elapsedMs: (detail.endedAt ?? Date.now()) - detail.startedAt,
    error: detail.error,
  };
}

/** The scan after one frame; returns a new object (the store replaces, never mutates). */
export function withFrame(scan: LiveScan, frame: ProgressFrame): LiveScan {
  let openPorts = scan.openPorts;
  let openPerHost = scan.openPerHost;
  if (frame.newOpen.length > 0) {
    openPorts = [...scan.openPorts, ...frame.newOpen];
    if (openPorts.length > OPEN_PORTS_KEPT) openPorts = openPorts.slice(-OPEN_PORTS_KEPT);
    openPerHost = { ...scan.openPerHost };
    for (const port of frame.newOpen) {
      const label = hostLabel(port.host, port.hostname);
      openPerHost[label] = (openPerHost[label] ?? 0) + 1;
    }
  }
  const { rateHistory, rateStepS } = withRatePoint(scan, frame);
  return {
    ...scan,
    status: frame.status,
    counts: frame.counts,
    done: frame.done,
    total: frame.total,
    rate: frame.rate,
    etaSeconds: frame.etaSeconds,
    elapsedMs: frame.elapsedMs,
    rateHistory,
    rateStepS,
    openPorts,
    openPerHost,
  };
}

/** Adds a point at most once per step; past MAX_RATE_POINTS, halves the resolution. */
function withRatePoint(
  scan: LiveScan,
  frame: ProgressFrame,
): Pick<LiveScan, 'rateHistory' | 'rateStepS'> {
  const t = frame.elapsedMs / 1000;
  const last = scan.rateHistory.at(-1);
  if (last !== undefined && t - last.t < scan.rateStepS) return scan;
  let points = [...scan.rateHistory, { t, rate: frame.rate }];
  let step = scan.rateStepS;
  if (points.length > MAX_RATE_POINTS) {
    points = points.filter((_, i) => i % 2 === 0 || i === points.length - 1);
    step *= 2;
  }
  return { rateHistory: points, rateStepS: step };
}
