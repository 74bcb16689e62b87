import type { ScanListPage, ScanListQuery } from '../../shared/history';
import { containsLike } from './like';
import { toSummary, type ScanSummaryRow } from './scans';
import type { Sql } from './sql';
import type { StoreContext } from './statements';

/** The history list's columns: not the request, which may be a long `-iL` list the list never shows. */
const LIST_COLUMNS = `s.id, s.name, s.status, s.started_at, s.ended_at, s.targets, s.ports,
  s.open_count, s.closed_count, s.filtered_count, s.error_count, s.error`;

/** The history list's two statements: one page, and how many scans match in all. */
export interface ScanListSql {
  page: Sql;
  count: Sql;
}

export function scanListSql(query: ScanListQuery): ScanListSql {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.text) {
    where.push(`(targets LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')`);
    params.push(containsLike(query.text), containsLike(query.text));
  }
  if (query.status !== undefined) {
    const statuses = Array.isArray(query.status) ? query.status : [query.status];
    where.push(`status IN (${statuses.map(() => '?').join(', ')})`);
    params.push(...statuses);
  }
  if (query.from !== undefined) {
    where.push('started_at >= ?');
    params.push(query.from);
  }
  if (query.to !== undefined) {
    where.push('started_at < ?');
    params.push(query.to);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // The page's ids first, from an index where one covers the filter, then its 50 rows: a page
  // deep in a list of several statuses sorted (started_at, id) pairs, not whole rows with their
  // targets (24-35 ms -> 5 ms at offset 9,000 of 10,000: docs/BENCHMARKS.md, History).
  return {
    page: {
      text: `SELECT ${LIST_COLUMNS} FROM (
          SELECT id, started_at FROM scans ${clause}
          ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?
        ) AS page CROSS JOIN scans s ON s.id = page.id
        ORDER BY page.started_at DESC, page.id DESC`,
      params: [...params, query.limit, query.offset],
    },
    count: { text: `SELECT count(*) AS total FROM scans ${clause}`, params },
  };
}

/** A page of the history, newest first, and how many scans match the filters in all. */
export function listScans(ctx: StoreContext, query: ScanListQuery): ScanListPage {
  const { page, count } = scanListSql(query);
  const rows = ctx.statements.get(page.text).all(...page.params) as ScanSummaryRow[];
  const total = ctx.statements
    .get(count.text)
    .pluck()
    .get(...count.params) as number;
  return { scans: rows.map(toSummary), total };
}
