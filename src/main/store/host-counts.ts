import type Database from 'better-sqlite3';
import { PORT_STATES, type PortState, type ScanId, type StateCounts } from '../../shared/domain';

/** A host read with its counts: `h.id, h.address, h.hostname,` then HOST_COUNT_COLUMNS. */
export type HostCountsRow = [
  id: number,
  address: string,
  hostname: string,
  open: number,
  closed: number,
  filtered: number,
  error: number,
];

/** A host's counts as columns of `hosts h`, in PORT_STATES order. */
export const HOST_COUNT_COLUMNS = 'h.open_count, h.closed_count, h.filtered_count, h.error_count';

/** A host's rows in `states`, as SQL over `hosts h`: `h.open_count + h.filtered_count`. */
export const matchingCountSql = (states: readonly PortState[] = PORT_STATES): string =>
  states.map((s) => `h.${s}_count`).join(' + ');

export const ADD_TO_HOST_COUNTS = `UPDATE hosts SET open_count = open_count + ?,
  closed_count = closed_count + ?, filtered_count = filtered_count + ?, error_count = error_count + ?
  WHERE id = ?`;

/** Sums of the hosts' counts: what the scan's own counts must be. */
export function hostCountSums(sqlite: Database.Database, scanId: ScanId): StateCounts {
  const row = sqlite
    .prepare(
      `SELECT coalesce(sum(open_count), 0) AS open, coalesce(sum(closed_count), 0) AS closed,
         coalesce(sum(filtered_count), 0) AS filtered, coalesce(sum(error_count), 0) AS error
       FROM hosts WHERE scan_id = ?`,
    )
    .get(scanId) as StateCounts;
  return row;
}

/**
 * Counts every host's committed rows again (one pass in primary-key order) and returns the scan's
 * totals. The writer's running counts take a port answered twice (a late retry) twice; a scan
 * that ends early is recounted so that what it shows is what it holds.
 */
export function recountHosts(sqlite: Database.Database, scanId: ScanId): StateCounts {
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `UPDATE hosts SET open_count = 0, closed_count = 0, filtered_count = 0, error_count = 0
         WHERE scan_id = ?`,
      )
      .run(scanId);
    sqlite
      .prepare(
        `UPDATE hosts SET
           open_count = c.open, closed_count = c.closed, filtered_count = c.filtered, error_count = c.error
         FROM (
           SELECT host_id, sum(state = 'open') AS open, sum(state = 'closed') AS closed,
             sum(state = 'filtered') AS filtered, sum(state = 'error') AS error
           FROM results WHERE scan_id = ? GROUP BY host_id
         ) AS c
         WHERE hosts.scan_id = ? AND hosts.id = c.host_id`,
      )
      .run(scanId, scanId);
  })();
  return hostCountSums(sqlite, scanId);
}
