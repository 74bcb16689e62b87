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
  /** Which ports are in openPorts (or were, before the list was cut): each is counted once. */
  openKeys: ReadonlySet<string>;
  /** Open ports per host label ("name (address)" or the address), as the chart shows them. */
  openPerHost: Record<string, number>;
  /** Hosts' open counts as stored when the scan was opened (frames may have some of them too). */
  storedOpenPerHost: Record<string, number>;
  /** Open ports per host label among openKeys. */
  seenOpenPerHost: Record<string, number>;
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
    openKeys: new Set(),
    openPerHost: {},
    storedOpenPerHost: {},
    seenOpenPerHost: {},
  };
}

/**
 * A scan opened from the history: what the store says of it, with the probes its request plans
 * (`total`, null when unknown); frames take over if it runs.
 */
export function liveScanFromDetail(detail: ScanDetail, total: number | null): LiveScan {
  return {
    ...newLiveScan(detail.id),
    total,
    status: detail.status,
    counts: detail.counts,
    done: detail.resultCount,
    elapsedMs: (detail.endedAt ?? Date.now()) - detail.startedAt,
    error: detail.error,
  };
}

/** The scan after one frame; returns a new object (the store replaces, never mutates). */
export function withFrame(scan: LiveScan, frame: ProgressFrame): LiveScan {
  const open = frame.newOpen.length > 0 ? withOpenPorts(scan, frame.newOpen, 'newer') : scan;
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
    openPorts: open.openPorts,
    openKeys: open.openKeys,
    seenOpenPerHost: open.seenOpenPerHost,
    openPerHost: open.openPerHost,
  };
}

const portKey = (p: PortResult) => `${p.host}\u0000${p.hostname ?? ''}\u0000${p.port}`;

type OpenPart = Pick<LiveScan, 'openPorts' | 'openKeys' | 'seenOpenPerHost' | 'openPerHost'>;

/**
 * Adds open ports the scan did not know yet: from frames (`newer`, after the rest) or from the
 * history (`older`, before). A port committed before the history was read and framed after it
 * arrives both ways; it is counted once.
 */
export function withOpenPorts(
  scan: LiveScan,
  ports: readonly PortResult[],
  age: 'newer' | 'older',
): OpenPart {
  const keys = new Set(scan.openKeys);
  const seen = { ...scan.seenOpenPerHost };
  const fresh: PortResult[] = [];
  for (const port of ports) {
    const key = portKey(port);
    if (keys.has(key)) continue;
    keys.add(key);
    fresh.push(port);
    const label = hostLabel(port.host, port.hostname);
    seen[label] = (seen[label] ?? 0) + 1;
  }
  if (fresh.length === 0) return scan;
  let openPorts = age === 'newer' ? [...scan.openPorts, ...fresh] : [...fresh, ...scan.openPorts];
  if (openPorts.length > OPEN_PORTS_KEPT) openPorts = openPorts.slice(-OPEN_PORTS_KEPT);
  return {
    openPorts,
    openKeys: keys,
    seenOpenPerHost: seen,
    openPerHost: mergedPerHost(scan.storedOpenPerHost, seen),
  };
}

/**
 * The scan with the open ports and per-host counts read from the history (`stored`, by host
 * label; `rows`, open ports older than any frame), merged with what frames brought.
 */
export function withStoredOpen(
  scan: LiveScan,
  stored: Record<string, number>,
  rows: readonly PortResult[],
): LiveScan {
  const withStored = { ...scan, storedOpenPerHost: stored };
  const open = withOpenPorts(withStored, rows, 'older');
  return { ...withStored, ...open, openPerHost: mergedPerHost(stored, open.seenOpenPerHost) };
}

/** The stored counts with what the window saw since: per host, whichever knows more. */
function mergedPerHost(
  stored: Record<string, number>,
  seen: Record<string, number>,
): Record<string, number> {
  const merged = { ...stored };
  for (const [label, n] of Object.entries(seen)) merged[label] = Math.max(merged[label] ?? 0, n);
  return merged;
}

/** Adds a point at most once per step; past MAX_RATE_POINTS, halves the resolution. */
export function withRatePoint(
  scan: LiveScan,
  frame: Pick<ProgressFrame, 'elapsedMs' | 'rate'>,
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
