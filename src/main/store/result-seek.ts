import { PORT_STATES, type ScanId } from '../../shared/domain';
import type { Page, ResultSort } from '../../shared/history';
import { matchingCountSql } from './host-counts';
import type { ResultFilterSql } from './result-filter';
import type { Sql } from './sql';
import type { StoreContext } from './statements';

/** Below this offset OFFSET itself is as cheap as finding the host first. */
export const SEEK_FROM_OFFSET = 20_000;

/**
 * Where a deep page of the natural order (hosts, then ports) starts, found from the hosts'
 * per-state counts instead of stepping over every row before it: the host holding row `offset`,
 * and how many of that host's matching rows come before it. Then the page costs at most one
 * host's rows (65,535) of OFFSET, not a million. Only where the counts are exact (a finished scan)
 * and only states and hosts narrow (the counts cannot answer for ports, services or text).
 */
export interface PageSeek {
  /** A condition on `h` that starts the walk at that host. */
  fromHost: Sql;
  /** Rows of that host to skip. */
  skip: number;
}

interface HostPosition {
  sort_key: Buffer;
  id: number;
  before: number;
}

export function seekPage(
  ctx: StoreContext,
  id: ScanId,
  f: ResultFilterSql,
  sort: ResultSort,
  page: Page,
): PageSeek | null {
  if (sort.column !== 'host' || f.rowTerms || page.offset < SEEK_FROM_OFFSET) return null;
  const matching = matchingCountSql(f.states ?? PORT_STATES);
  const desc = sort.direction === 'desc';
  const order = desc ? 'h.sort_key DESC, h.id DESC' : 'h.sort_key, h.id';
  const hostTerms = f.hosts ? `AND ${f.hosts.text}` : '';
  // Running totals in host order; the first host whose rows reach past the offset holds it.
  const found = ctx.statements
    .get(
      `SELECT sort_key, id, before FROM (
         SELECT h.sort_key, h.id, (${matching}) AS n,
           sum(${matching}) OVER (ORDER BY ${order} ROWS UNBOUNDED PRECEDING) - (${matching}) AS before
         FROM hosts h WHERE h.scan_id = ? ${hostTerms}
       ) WHERE before + n > ? ORDER BY before LIMIT 1`,
    )
    .get(id, ...(f.hosts?.params ?? []), page.offset) as HostPosition | undefined;
  if (!found) return null;
  return {
    fromHost: {
      text: desc ? '(h.sort_key, h.id) <= (?, ?)' : '(h.sort_key, h.id) >= (?, ?)',
      params: [found.sort_key, found.id],
    },
    skip: page.offset - found.before,
  };
}
