import { FINAL_STATUSES, PORT_STATES, type ScanId } from '../../shared/domain';
import {
  HOST_PORTS_SHOWN,
  HOST_RTT_SAMPLE,
  type HostPage,
  type HostSummary,
} from '../../shared/explorer';
import type { Page, ResultFilter } from '../../shared/history';
import { HOST_COUNT_COLUMNS, matchingCountSql, type HostCountsRow } from './host-counts';
import {
  filterSql,
  hostHasMatch,
  resultsFrom,
  withRanges,
  type ResultFilterSql,
} from './result-filter';
import { RESULT_COLUMNS, toPortResult, type RawResult } from './result-rows';
import { getScanRow } from './scans';
import { allOf } from './sql';
import type { StoreContext } from './statements';

type HostRow = [...HostCountsRow, matching: number | null];

/**
 * A page of the hosts that have a result matching the filter, in address order, each with its
 * counts, its first matching ports and its round trips. Costs: the page and the total walk the
 * scan's hosts (at most one row each when only hosts and states narrow a finished scan, else one
 * EXISTS probe each, an index seek for states and ports, a walk of the host's rows until a match
 * for text); then per host on the page at most HOST_PORTS_SHOWN matching rows, a count only when
 * there are more, and HOST_RTT_SAMPLE round trips.
 */
export function getHosts(
  ctx: StoreContext,
  id: ScanId,
  filter: ResultFilter,
  page: Page,
): HostPage {
  const scan = getScanRow(ctx, id);
  if (!scan) return { hosts: [], total: 0 };
  const f = filterSql(filter);
  // A finished scan's hosts' counts say which hosts match and how many of their ports, when only
  // hosts and states narrow (a running scan's may count a port answered twice).
  const byCounts = FINAL_STATUSES.includes(scan.status) && !f.rowTerms;
  const matchingSql = matchingCountSql(f.states ?? PORT_STATES);
  const chosen = allOf([
    { text: 'h.scan_id = ?', params: [id] },
    f.hosts,
    byCounts ? { text: `(${matchingSql}) > 0`, params: [] } : hostHasMatch(f),
  ])!;
  const count = withRanges(f, {
    text: `SELECT count(*) AS total FROM hosts h WHERE ${chosen.text}`,
    params: chosen.params,
  });
  const { total } = ctx.statements.get(count.text).get(...count.params) as { total: number };
  if (page.offset >= total) return { hosts: [], total };
  const query = withRanges(f, {
    text: `SELECT h.id, h.address, h.hostname, ${HOST_COUNT_COLUMNS}, ${byCounts ? matchingSql : 'NULL'}
      FROM hosts h WHERE ${chosen.text} ORDER BY h.sort_key, h.id LIMIT ? OFFSET ?`,
    params: [...chosen.params, page.limit, page.offset],
  });
  const rows = ctx.statements
    .get(query.text)
    .raw(true)
    .all(...query.params) as HostRow[];
  return { hosts: rows.map((row) => hostSummary(ctx, id, f, row)), total };
}

function hostSummary(
  ctx: StoreContext,
  scanId: ScanId,
  f: ResultFilterSql,
  row: HostRow,
): HostSummary {
  const [hostId, address, hostname, open, closed, filtered, error, counted] = row;
  const from = resultsFrom(f, 'CROSS JOIN');
  const where = allOf([
    { text: 'h.scan_id = ? AND h.id = ? AND r.scan_id = ?', params: [scanId, hostId, scanId] },
    f.results,
  ])!;
  const list = withRanges(f, {
    text: `SELECT ${RESULT_COLUMNS} FROM ${from} WHERE ${where.text}
      ORDER BY r.port, r.protocol LIMIT ${HOST_PORTS_SHOWN}`,
    params: where.params,
  });
  const ports = (
    ctx.statements
      .get(list.text)
      .raw(true)
      .all(...list.params) as RawResult[]
  ).map(toPortResult);
  const count = withRanges(f, {
    text: `SELECT count(*) AS n FROM ${from} WHERE ${where.text}`,
    params: where.params,
  });
  // Fewer than a full list: the list is every match, no count needed.
  const matching =
    counted ??
    (ports.length < HOST_PORTS_SHOWN
      ? ports.length
      : (ctx.statements.get(count.text).get(...count.params) as { n: number }).n);
  return {
    host: address,
    hostname: hostname === '' ? null : hostname,
    counts: { open, closed, filtered, error },
    ports,
    matching,
    rttUs: roundTrips(ctx, scanId, hostId),
  };
}

/** Fastest and (lower) median round trip of the host's first answered ports. */
function roundTrips(ctx: StoreContext, scanId: ScanId, hostId: number): HostSummary['rttUs'] {
  const rtts = ctx.statements
    .get(
      `SELECT rtt_us FROM results WHERE scan_id = ? AND host_id = ? AND rtt_us IS NOT NULL
       ORDER BY port, protocol LIMIT ${HOST_RTT_SAMPLE}`,
    )
    .pluck()
    .all(scanId, hostId) as number[];
  if (rtts.length === 0) return null;
  const sorted = Float64Array.from(rtts).sort();
  return { min: sorted[0]!, median: sorted[(sorted.length - 1) >> 1]!, sampled: sorted.length };
}
