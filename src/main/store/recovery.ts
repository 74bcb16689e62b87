import type Database from 'better-sqlite3';
import { toScanId, type ScanId } from '../../shared/domain';
import { recountHosts } from './host-counts';

/** Is the process that owned a scan still there? EPERM means it exists under another user. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface UnfinishedScan {
  id: number;
  owner_pid: number | null;
}

/**
 * Scans left `running` or `paused` by a process that is gone become `interrupted`. Their committed
 * rows stay; the counts are recomputed from those rows and the end time is the last result's time.
 * A scan whose process is alive (the desktop app while the CLI opens the same file) is left alone.
 */
export function recoverInterruptedScans(db: Database.Database): ScanId[] {
  const unfinished = db
    .prepare(`SELECT id, owner_pid FROM scans WHERE status IN ('running', 'paused')`)
    .all() as UnfinishedScan[];
  const orphans = unfinished.filter((s) => s.owner_pid === null || !processAlive(s.owner_pid));
  if (orphans.length === 0) return [];
  const interrupt = db.prepare(`
    UPDATE scans SET
      status = 'interrupted',
      ended_at = coalesce((SELECT max(scanned_at) FROM results WHERE scan_id = :id), started_at),
      open_count = :open, closed_count = :closed, filtered_count = :filtered, error_count = :error,
      error = coalesce(error, 'the process running this scan ended before it finished'),
      owner_pid = NULL
    WHERE id = :id AND status IN ('running', 'paused')`);
  db.transaction(() => {
    for (const scan of orphans) {
      const id = toScanId(scan.id);
      interrupt.run({ id, ...recountHosts(db, id) });
    }
  }).immediate();
  return orphans.map((s) => toScanId(s.id));
}
