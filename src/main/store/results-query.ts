import { FINAL_STATUSES, type ScanId } from '../../shared/domain';
import type {
  Page,
  ResultFilter,
  ResultPage,
  ResultSort,
  ResultSortColumn,
} from '../../shared/history';
import { filterStates, onlyStateFilter, resultWhere } from './result-filter';
import { RESULT_COLUMNS, toPortResult, type RawResult } from './result-rows';
import { countsOf, getScanRow } from './scans';
import type { StoreContext } from './statements';

/** Sort columns map to fixed SQL; nothing the caller sends is ever spliced into the query. */
const SORT_SQL: Record<ResultSortColumn, string> = {
  host: 'h.sort_key',
  hostname: 'h.hostname',
  port: 'r.port',
  protocol: 'r.protocol',
  state: 'r.state',
  reason: 'r.reason',
  rtt: 'r.rtt_us',
  service: 'r.service',
  banner: 'r.banner',
  scannedAt: 'r.scanned_at',
};

/**
 * Host order then port is the natural order and the default. With hosts as the outer loop
 * (CROSS JOIN fixes the join order in SQLite) both loops walk indexes in order, so the first page
 * of a million rows needs no sort.
 */
function orderBy(sort: ResultSort): string {
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const natural = `h.sort_key ${dir}, h.id ${dir}, r.port ${dir}, r.protocol ${dir}`;
  if (sort.column === 'host') return natural;
  return `${SORT_SQL[sort.column]} ${dir}, h.sort_key, h.id, r.port, r.protocol`;
}

export function getResults(
  ctx: StoreContext,
  id: ScanId,
  filter: ResultFilter,
  sort: ResultSort,
  page: Page,
): ResultPage {
  const where = resultWhere(filter);
  const join = sort.column === 'host' ? 'CROSS JOIN' : 'JOIN';
  const sql = `SELECT ${RESULT_COLUMNS} FROM hosts h ${join} results r
      ON r.scan_id = h.scan_id AND r.host_id = h.id
    WHERE h.scan_id = ? AND ${where.sql}
    ORDER BY ${orderBy(sort)} LIMIT ? OFFSET ?`;
  const raws = ctx.statements
    .get(sql)
    .raw(true)
    .all(id, id, ...where.params, page.limit, page.offset) as RawResult[];
  return {
    rows: raws.map(toPortResult),
    total: countResults(ctx, id, filter),
    offset: page.offset,
    limit: page.limit,
  };
}

/** A finished scan's counts answer "how many" for the unfiltered and state-only views at no cost. */
export function countResults(ctx: StoreContext, id: ScanId, filter: ResultFilter): number {
  const scan = getScanRow(ctx, id);
  if (!scan) return 0;
  if (FINAL_STATUSES.includes(scan.status) && onlyStateFilter(filter)) {
    const counts = countsOf(scan);
    const states = filterStates(filter) ?? (['open', 'closed', 'filtered', 'error'] as const);
    return states.reduce((sum, state) => sum + counts[state], 0);
  }
  const where = resultWhere(filter);
  const row = ctx.statements
    .get(
      // Hosts outer: a host or port filter then walks only the matching primary-key ranges.
      `SELECT count(*) AS n FROM hosts h CROSS JOIN results r ON r.scan_id = h.scan_id AND r.host_id = h.id
       WHERE h.scan_id = ? AND ${where.sql}`,
    )
    .get(id, id, ...where.params) as { n: number };
  return row.n;
}
