import { FINAL_STATUSES, type ScanId } from '../../shared/domain';
import type { PortMapPage } from '../../shared/explorer';
import { runsOfSortedPorts, type HostPortRuns, type PortRuns } from '../../shared/port-map';
import { HOST_COUNT_COLUMNS, type HostCountsRow } from './host-counts';
import { getScanRow } from './scans';
import type { StoreContext } from './statements';

/** States read from results_by_state: the few ports that are not closed. */
const INDEXED_STATES = ['open', 'filtered', 'error'] as const;

/**
 * A page of a scan's hosts, in address order, each with its stored ports as runs by state. Costs,
 * per host: its open, filtered and error ports from the partial index; closed ports, nearly all of
 * a scan, are not read when a finished scan's host holds one contiguous block of ports (its count
 * equals its port span): they are that block minus the others. Otherwise its closed ports are
 * read (a walk of its primary-key range).
 */
export function getPortMap(
  ctx: StoreContext,
  id: ScanId,
  page: { offset: number; limit: number },
): PortMapPage {
  const scan = getScanRow(ctx, id);
  if (!scan) return { hosts: [], total: 0 };
  const finished = FINAL_STATUSES.includes(scan.status);
  const rows = ctx.statements
    .get(
      `SELECT h.id, h.address, h.hostname, ${HOST_COUNT_COLUMNS} FROM hosts h
       WHERE h.scan_id = ? ORDER BY h.sort_key, h.id LIMIT ? OFFSET ?`,
    )
    .raw(true)
    .all(id, page.limit, page.offset) as HostCountsRow[];
  const { total } = ctx.statements
    .get(`SELECT count(*) AS total FROM hosts WHERE scan_id = ?`)
    .get(id) as { total: number };
  return { hosts: rows.map((row) => hostRuns(ctx, id, row, finished)), total };
}

function hostRuns(
  ctx: StoreContext,
  scanId: ScanId,
  row: HostCountsRow,
  finished: boolean,
): HostPortRuns {
  const [hostId, address, hostname, open, closed, filtered, error] = row;
  const counts = { open, filtered, error };
  const runs: PortRuns = {};
  const indexed = ctx.statements
    .get(
      `SELECT port FROM results INDEXED BY results_by_state
       WHERE scan_id = ? AND state = ? AND state <> 'closed' AND host_id = ? ORDER BY port`,
    )
    .pluck();
  for (const state of INDEXED_STATES) {
    // A count of 0 means none (counts grow with the rows they count); a running scan's may be high.
    if (counts[state] === 0) continue;
    const ports = indexed.all(scanId, state, hostId) as number[];
    if (ports.length) runs[state] = runsOfSortedPorts(ports);
  }
  if (closed > 0) {
    const closedRuns = finished ? closedByBlock(ctx, scanId, hostId, row, runs) : null;
    const list = closedRuns ?? runsOfSortedPorts(closedPorts(ctx, scanId, hostId));
    if (list.length) runs.closed = list;
  }
  return { host: address, hostname: hostname === '' ? null : hostname, runs };
}

/**
 * The closed ports of a host whose stored ports are exactly one block (a finished scan's counts
 * are its rows, one per port, tcp being the only protocol): the block minus the other states'
 * runs. Null when the host's ports have gaps.
 */
function closedByBlock(
  ctx: StoreContext,
  scanId: ScanId,
  hostId: number,
  row: HostCountsRow,
  others: PortRuns,
): number[] | null {
  const stored = row[3] + row[4] + row[5] + row[6];
  const span = ctx.statements
    .get(
      `SELECT (SELECT min(port) FROM results WHERE scan_id = ? AND host_id = ?) AS first,
              (SELECT max(port) FROM results WHERE scan_id = ? AND host_id = ?) AS last`,
    )
    .get(scanId, hostId, scanId, hostId) as { first: number | null; last: number | null };
  if (span.first === null || span.last === null || span.last - span.first + 1 !== stored) {
    return null;
  }
  return complement(span.first, span.last, Object.values(others));
}

/** [first, last] minus the given runs (disjoint across lists), as runs. */
export function complement(first: number, last: number, lists: readonly number[][]): number[] {
  const taken: [number, number][] = [];
  for (const pairs of lists) {
    for (let i = 0; i + 1 < pairs.length; i += 2) taken.push([pairs[i]!, pairs[i + 1]!]);
  }
  taken.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let next = first;
  for (const [from, to] of taken) {
    if (from > next) out.push(next, Math.min(from - 1, last));
    next = Math.max(next, to + 1);
    if (next > last) break;
  }
  if (next <= last) out.push(next, last);
  return out;
}

function closedPorts(ctx: StoreContext, scanId: ScanId, hostId: number): number[] {
  return ctx.statements
    .get(
      `SELECT port FROM results WHERE scan_id = ? AND host_id = ? AND state = 'closed' ORDER BY port`,
    )
    .pluck()
    .all(scanId, hostId) as number[];
}
