import type { PortReason, PortState, Protocol } from '../../shared/domain';

/**
 * The result columns an export reads for each row. The host's address and name are not among
 * them: they come once per host (`ExportFormatter.host`), which spares two strings per row that
 * SQLite would copy out and JavaScript would allocate, a million times over.
 */
export const EXPORT_COLUMNS = `r.port, r.protocol, r.state, r.reason, r.rtt_us, r.service,
  r.banner, r.scanned_at`;

export type ExportRow = [
  port: number,
  protocol: Protocol,
  state: PortState,
  reason: PortReason,
  rttUs: number | null,
  service: string | null,
  banner: string | null,
  scannedAt: number,
];

/** Turns result rows into text: what comes first, each host's rows, and what closes the document. */
export interface ExportFormatter {
  start(): string;
  /** The host the rows that follow belong to (hostname '' when it was reached by address). */
  host(address: string, hostname: string): void;
  row(result: ExportRow): string;
  end(): string;
}

/**
 * A column whose value repeats from row to row (protocol, state, reason), encoded once per
 * change instead of once per row.
 */
export function repeated<T>(encode: (value: T) => string): (value: T) => string {
  let last: T | undefined;
  let text = '';
  let first = true;
  return (value) => {
    if (first || value !== last) {
      first = false;
      last = value;
      text = encode(value);
    }
    return text;
  };
}

/** A time as ISO 8601; rows of one batch share their millisecond, and formatting is the cost. */
export function isoTimes(): (ms: number) => string {
  let lastMs = -1;
  let lastIso = '';
  return (ms) => {
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = new Date(ms).toISOString();
    }
    return lastIso;
  };
}
