import { isFinal, PORT_STATES, toScanId, type PortState, type ScanId } from '../../shared/domain';
import type {
  Page,
  ResultFilter,
  ResultPage,
  ResultSort,
  ResultSortColumn,
} from '../../shared/history';
import { matchingCountSql } from './host-counts';
import { filterSql, resultsFrom, withRanges, type ResultFilterSql } from './result-filter';
import { RESULT_COLUMNS, toPortResult, type RawResult } from './result-rows';
import { seekPage, type PageSeek } from './result-seek';
import { countsOf, getScanRow, type ScanRow } from './scans';
import { allOf, type Sql } from './sql';
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
  const scan = getScanRow(ctx, id);
  const f = filterSql(filter);
  const seek = isFinal(scan?.status) ? seekPage(ctx, id, f, sort, page) : null;
  const query = pageSql(id, f, sort, page, seek);
  const raws = ctx.statements
    .get(query.text)
    .raw(true)
    .all(...query.params) as RawResult[];
  return {
    rows: raws.map(toPortResult),
    total: countMatching(ctx, scan, f),
    offset: page.offset,
    limit: page.limit,
  };
}

/**
 * The statement of a page of results (exported for the query-plan tests). With a seek (a deep
 * page of the natural order, see result-seek.ts) it starts at the page's host.
 */
export function resultPageSql(
  id: ScanId,
  filter: ResultFilter,
  sort: ResultSort,
  page: Page,
  seek: PageSeek | null = null,
): Sql {
  return pageSql(id, filterSql(filter), sort, page, seek);
}

function pageSql(
  id: ScanId,
  f: ResultFilterSql,
  sort: ResultSort,
  page: Page,
  seek: PageSeek | null,
): Sql {
  const where = allOf([ofScan(id, f), seek?.fromHost ?? null])!;
  return withRanges(f, {
    text: `SELECT ${RESULT_COLUMNS} FROM ${resultsFrom(f, sort.column === 'host' ? 'CROSS JOIN' : 'JOIN')}
      WHERE ${where.text} ORDER BY ${orderBy(sort)} LIMIT ? OFFSET ?`,
    params: [...where.params, page.limit, seek?.skip ?? page.offset],
  });
}

/** The scan's rows that match: `h.scan_id = ? AND r.scan_id = ?`, the host terms, the row terms. */
export const ofScan = (id: ScanId, f: ResultFilterSql): Sql =>
  allOf([{ text: 'h.scan_id = ? AND r.scan_id = ?', params: [id, id] }, f.hosts, f.results])!;

/**
 * How many results match. A finished scan's counts answer it when only states narrow, and its
 * hosts' counts when only hosts and states do (one row per host read, not one per port);
 * anything else counts the matching rows.
 */
export function countResults(ctx: StoreContext, id: ScanId, filter: ResultFilter): number {
  const scan = getScanRow(ctx, id);
  return scan ? countMatching(ctx, scan, filterSql(filter)) : 0;
}

/** countResults for a scan row already read and a filter already made SQL. */
function countMatching(ctx: StoreContext, scan: ScanRow | null, f: ResultFilterSql): number {
  if (!scan) return 0;
  const id = toScanId(scan.id);
  if (isFinal(scan.status) && !f.rowTerms) {
    const states: readonly PortState[] = f.states ?? PORT_STATES;
    if (f.hosts === null) {
      const counts = countsOf(scan);
      return states.reduce((sum, state) => sum + counts[state], 0);
    }
    const row = ctx.statements
      .get(
        `SELECT coalesce(sum(${matchingCountSql(states)}), 0) AS n
         FROM hosts h WHERE h.scan_id = ? AND ${f.hosts.text}`,
      )
      .get(id, ...f.hosts.params) as { n: number };
    return row.n;
  }
  // Hosts outer: a host or port filter then walks only the matching primary-key ranges.
  const where = ofScan(id, f);
  const query = withRanges(f, {
    text: `SELECT count(*) AS n FROM ${resultsFrom(f, 'CROSS JOIN')} WHERE ${where.text}`,
    params: where.params,
  });
  const row = ctx.statements.get(query.text).get(...query.params) as { n: number };
  return row.n;
}
