import type { PortReason, PortResult, PortState, Protocol } from '../../shared/domain';

/** The columns every result read selects, in this order (raw rows are arrays, for speed). */
export const RESULT_COLUMNS = `h.address, h.hostname, r.port, r.protocol, r.state, r.reason,
  r.rtt_us, r.service, r.banner, r.scanned_at`;

export type RawResult = [
  address: string,
  hostname: string,
  port: number,
  protocol: Protocol,
  state: PortState,
  reason: PortReason,
  rttUs: number | null,
  service: string | null,
  banner: string | null,
  scannedAt: number,
];

export const toPortResult = (raw: RawResult): PortResult => ({
  host: raw[0],
  hostname: raw[1] === '' ? null : raw[1],
  port: raw[2],
  protocol: raw[3],
  state: raw[4],
  reason: raw[5],
  rttUs: raw[6],
  service: raw[7],
  banner: raw[8],
  scannedAt: raw[9],
});
