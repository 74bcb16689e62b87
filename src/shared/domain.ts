// Domain types shared by the engine, the store, the session, every transport and the renderer.

/** Port states, as nmap -sT reports them; `error` is a local resource failure, never a network answer. */
export const PORT_STATES = ['open', 'closed', 'filtered', 'error'] as const;
export type PortState = (typeof PORT_STATES)[number];

/** Why a port got its state: nmap's reason names, or the local errno (EMFILE, ENOBUFS, …) for `error`. */
export type NetworkReason =
  'syn-ack' | 'conn-refused' | 'no-response' | 'host-unreach' | 'net-unreach' | 'admin-prohibited';
export type LocalErrno = `E${string}`;
export type PortReason = NetworkReason | LocalErrno;

export type Protocol = 'tcp';

export const SCAN_STATUSES = [
  'running',
  'paused',
  'completed',
  'cancelled',
  'failed',
  'interrupted',
] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];

/** Statuses a scan never leaves. */
export const FINAL_STATUSES: readonly ScanStatus[] = [
  'completed',
  'cancelled',
  'failed',
  'interrupted',
];

/** Completed, cancelled, failed or interrupted: it never changes again. */
export const isFinal = (status: ScanStatus | undefined): boolean =>
  status !== undefined && FINAL_STATUSES.includes(status);

/** Running or paused: not ended, and its figures still move. */
export const isActive = (status: ScanStatus | undefined): boolean =>
  status === 'running' || status === 'paused';

declare const scanIdBrand: unique symbol;
/** The row id of a scan in the history database. */
export type ScanId = number & { readonly [scanIdBrand]: 'ScanId' };
export const toScanId = (n: number): ScanId => n as ScanId;

/** One probed port. `host` is the canonical address text; `hostname` is the name it was reached by, if any. */
export interface PortResult {
  host: string;
  hostname: string | null;
  port: number;
  protocol: Protocol;
  state: PortState;
  reason: PortReason;
  /** Round-trip time of the connect in microseconds; null when nothing answered. */
  rttUs: number | null;
  service: string | null;
  /** What the service said first (or its HTTP Server header): hostile text, size-limited. */
  banner: string | null;
  /** Epoch milliseconds. */
  scannedAt: number;
}

export type StateCounts = Record<PortState, number>;

export const emptyStateCounts = (): StateCounts => ({ open: 0, closed: 0, filtered: 0, error: 0 });

/** Results of every state together. */
export const countTotal = (counts: StateCounts): number =>
  PORT_STATES.reduce((sum, state) => sum + counts[state], 0);
