import type { PortState, Protocol, ScanId } from '../../shared/domain';
import {
  DIFF_CHANGE_LIMIT,
  type HostRef,
  type PortChange,
  type PortChangeKind,
  type PortSnapshot,
  type ScanDiff,
} from '../../shared/history';
import { requireScan } from './scans';
import type { StoreContext } from './statements';

type Snapshot = [state: PortState, reason: string, service: string | null, banner: string | null];
type HostRow = [address: string, hostname: string, sortKey: Buffer];

// Hosts match across scans by (address, hostname): the same targets resolve to the same pairs.
const SAME_HOST = `hb.address = ha.address AND hb.hostname = ha.hostname`;

/**
 * The first :limit rows in the order a diff shows them (hosts by address, then ports), so that a
 * diff cut at DIFF_CHANGE_LIMIT keeps the first changes, not those of the hosts written first.
 * Free: the host loop reads hosts_in_order and each host's ports come in key order (no sort).
 */
const IN_ORDER = (h: string, r: string): string =>
  `ORDER BY ${h}.sort_key, ${h}.id, ${r}.port, ${r}.protocol LIMIT :limit`;

/**
 * Ports scanned in both scans whose state, service or banner differ. CROSS JOIN fixes the order
 * SQLite would not pick by itself: pairs of hosts first (few), then each host's ports in key order
 * with one primary-key seek into the other scan per port. Left to choose, the planner walked every
 * result first and looked up both hosts again for each of them (the whole diff took ~1.5x as long:
 * docs/BENCHMARKS.md, History).
 */
const CHANGED = `
  SELECT ha.address, ha.hostname, ha.sort_key, ra.port, ra.protocol,
         ra.state, ra.reason, ra.service, ra.banner, rb.state, rb.reason, rb.service, rb.banner
  FROM hosts ha
  CROSS JOIN hosts hb ON hb.scan_id = :to AND ${SAME_HOST}
  CROSS JOIN results ra ON ra.scan_id = ha.scan_id AND ra.host_id = ha.id
  CROSS JOIN results rb ON rb.scan_id = hb.scan_id AND rb.host_id = hb.id
                 AND rb.port = ra.port AND rb.protocol = ra.protocol
  WHERE ha.scan_id = :from
    AND (ra.state <> rb.state OR ra.service IS NOT rb.service OR ra.banner IS NOT rb.banner)
  ${IN_ORDER('ha', 'ra')}`;

/**
 * Ports open in scan :in with no result at all in scan :other (not scanned there, or host absent).
 * Host by host through the state index: the planner otherwise read every port of the scan.
 */
const OPEN_ONLY_IN = `
  SELECT hb.address, hb.hostname, hb.sort_key, rb.port, rb.protocol,
         rb.state, rb.reason, rb.service, rb.banner
  FROM hosts hb CROSS JOIN results rb INDEXED BY results_by_state
    ON rb.scan_id = hb.scan_id AND rb.host_id = hb.id
  WHERE hb.scan_id = :in AND rb.state = 'open' AND rb.state <> 'closed'
    AND NOT EXISTS (
      SELECT 1 FROM hosts ha JOIN results ra ON ra.scan_id = ha.scan_id AND ra.host_id = ha.id
      WHERE ha.scan_id = :other AND ${SAME_HOST} AND ra.port = rb.port AND ra.protocol = rb.protocol)
  ${IN_ORDER('hb', 'rb')}`;

/** Hosts that answered (some port open or closed) in scan :in but not in scan :other. */
const HOSTS_ONLY_IN = `
  SELECT hb.address, hb.hostname, hb.sort_key FROM hosts hb
  WHERE hb.scan_id = :in AND ${answered('hb')}
    AND NOT EXISTS (SELECT 1 FROM hosts ha WHERE ha.scan_id = :other AND ${SAME_HOST} AND ${answered('ha')})
  ORDER BY hb.sort_key, hb.id`;

function answered(h: string): string {
  return `EXISTS (SELECT 1 FROM results x WHERE x.scan_id = ${h}.scan_id AND x.host_id = ${h}.id
    AND x.state IN ('open', 'closed'))`;
}

const snapshot = (s: Snapshot): PortSnapshot => ({
  state: s[0],
  reason: s[1],
  service: s[2],
  banner: s[3],
});

const hostRef = (address: string, hostname: string): HostRef => ({
  host: address,
  hostname: hostname === '' ? null : hostname,
});

interface Keyed {
  sortKey: Buffer;
  change: PortChange;
}

export function diffScans(ctx: StoreContext, from: ScanId, to: ScanId): ScanDiff {
  const partial: ScanId[] = [];
  for (const id of [from, to]) {
    const row = requireScan(ctx, id);
    if (row.status !== 'completed' && !partial.includes(id)) partial.push(id);
  }
  // A port or host missing from an unfinished scan may simply not have been reached yet.
  const complete = (id: ScanId): boolean => !partial.includes(id);
  const limit = DIFF_CHANGE_LIMIT + 1;
  const keyed: Keyed[] = [];
  const changed = ctx.statements.get(CHANGED).raw(true).all({ from, to, limit }) as unknown[][];
  for (const row of changed) {
    const before = snapshot(row.slice(5, 9) as Snapshot);
    const after = snapshot(row.slice(9, 13) as Snapshot);
    const kinds: PortChangeKind[] = [];
    if (before.state !== after.state) kinds.push('state');
    if (before.service !== after.service) kinds.push('service');
    if (before.banner !== after.banner) kinds.push('banner');
    keyed.push(portChange(row, before, after, kinds));
  }
  const openOnly = ctx.statements.get(OPEN_ONLY_IN).raw(true);
  const onlyIn = (inScan: ScanId, other: ScanId): unknown[][] =>
    complete(other) ? (openOnly.all({ in: inScan, other, limit }) as unknown[][]) : [];
  for (const row of onlyIn(to, from)) {
    keyed.push(portChange(row, null, snapshot(row.slice(5, 9) as Snapshot), ['added']));
  }
  for (const row of onlyIn(from, to)) {
    keyed.push(portChange(row, snapshot(row.slice(5, 9) as Snapshot), null, ['gone']));
  }
  keyed.sort((a, b) => Buffer.compare(a.sortKey, b.sortKey) || a.change.port - b.change.port);
  const hostsOnly = ctx.statements.get(HOSTS_ONLY_IN).raw(true);
  const hosts = (inScan: ScanId, other: ScanId): HostRef[] =>
    complete(other)
      ? (hostsOnly.all({ in: inScan, other }) as HostRow[]).map((h) => hostRef(h[0], h[1]))
      : [];
  return {
    from,
    to,
    hostsAdded: hosts(to, from),
    hostsGone: hosts(from, to),
    changes: keyed.slice(0, DIFF_CHANGE_LIMIT).map((k) => k.change),
    truncated: keyed.length > DIFF_CHANGE_LIMIT,
    partial,
  };
}

function portChange(
  row: unknown[],
  before: PortSnapshot | null,
  after: PortSnapshot | null,
  changed: PortChangeKind[],
): Keyed {
  return {
    sortKey: row[2] as Buffer,
    change: {
      ...hostRef(row[0] as string, row[1] as string),
      port: row[3] as number,
      protocol: row[4] as Protocol,
      before,
      after,
      changed,
    },
  };
}
