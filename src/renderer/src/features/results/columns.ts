import type { PortResult } from '../../../../shared/domain';
import type { ResultSortColumn } from '../../../../shared/history';
import { formatRtt, formatTime } from '../../ui/format';
import { safeText } from '../../ui/safe-text';

export interface Column {
  sort: ResultSortColumn;
  label: string;
  /** CSS grid track. */
  width: string;
  mono?: boolean;
  text(row: PortResult): string;
  /** Full text for the tooltip, when the cell may be cut. */
  title?(row: PortResult): string;
}

/** The explorer's columns; every one sorts (the store maps each to fixed SQL). */
export const COLUMNS: readonly Column[] = [
  { sort: 'host', label: 'Host', width: 'minmax(110px, 1.1fr)', mono: true, text: (r) => r.host },
  {
    sort: 'hostname',
    label: 'Hostname',
    width: 'minmax(80px, 1fr)',
    text: (r) => safeText(r.hostname, 60),
    title: (r) => safeText(r.hostname, 300),
  },
  { sort: 'port', label: 'Port', width: '64px', mono: true, text: (r) => String(r.port) },
  { sort: 'protocol', label: 'Proto', width: '52px', text: (r) => r.protocol },
  { sort: 'state', label: 'State', width: '78px', text: (r) => r.state },
  { sort: 'reason', label: 'Reason', width: '104px', text: (r) => r.reason },
  { sort: 'rtt', label: 'RTT', width: '78px', mono: true, text: (r) => formatRtt(r.rttUs) },
  {
    sort: 'service',
    label: 'Service',
    width: 'minmax(70px, 0.8fr)',
    text: (r) => safeText(r.service, 40),
  },
  {
    sort: 'banner',
    label: 'Banner',
    width: 'minmax(120px, 2fr)',
    mono: true,
    text: (r) => safeText(r.banner, 160),
    title: (r) => safeText(r.banner, 2000),
  },
  {
    sort: 'scannedAt',
    label: 'Scanned',
    width: '96px',
    text: (r) => formatTime(r.scannedAt),
  },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
