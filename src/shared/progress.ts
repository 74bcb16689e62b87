import type { PortResult, ScanId, ScanStatus, StateCounts } from './domain';
import type { HostPortRuns } from './port-map';

/** A throttled snapshot of a running scan (at most ~20 a second, the last one never dropped). */
export interface ProgressFrame {
  /** null for a scan kept only in memory (`--no-db`). */
  scanId: ScanId | null;
  status: ScanStatus;
  counts: StateCounts;
  done: number;
  total: number;
  /** Probes per second over the recent past. */
  rate: number;
  /** Seconds left at the current rate; null until there is a rate. */
  etaSeconds: number | null;
  elapsedMs: number;
  /** Open ports found since the previous frame. */
  newOpen: PortResult[];
  /** Every port settled since the previous frame, per host, as runs by state (the port map). */
  settled: HostPortRuns[];
}

/** Sent once when a scan reaches a final status, after the writer's completion handle settled. */
export interface ScanFinished {
  scanId: ScanId | null;
  status: ScanStatus;
  counts: StateCounts;
  error: string | null;
}
