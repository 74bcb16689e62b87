import { toScanId, type ScanId, type ScanStatus } from '../../shared/domain';
import { PortholeError } from '../../shared/errors';
import { TIMELINE_POINTS, type Timeline, type TimelinePoint } from '../../shared/history-actions';
import type { StoreContext } from './statements';

// Every statement joins the asked-for scan `s` to the scans `p` of the same targets (the set, as
// previousScanOf has it) through the index scans_by_targets (targets_key, started_at, id): the
// key, which may be a long `-iL` list, never leaves SQLite, and no statement reads other targets.
const SAME_TARGETS = `FROM scans s JOIN scans p ON p.targets_key = s.targets_key WHERE s.id = :id`;
const NEWER = `(p.started_at, p.id) > (s.started_at, s.id)`;
const POINT_COLUMNS = `p.id, p.started_at, p.status, p.open_count`;

const COUNTS = `SELECT count(*) AS total, coalesce(sum(${NEWER}), 0) AS newer ${SAME_TARGETS}`;
const LATEST = `SELECT ${POINT_COLUMNS} ${SAME_TARGETS}
  ORDER BY p.started_at DESC, p.id DESC LIMIT :limit`;
const FROM_SCAN_ON = `SELECT ${POINT_COLUMNS} ${SAME_TARGETS} AND (p.started_at, p.id) >= (s.started_at, s.id)
  ORDER BY p.started_at, p.id LIMIT :limit`;

type PointRow = [id: number, startedAt: number, status: ScanStatus, open: number];

const toPoint = ([id, startedAt, status, open]: PointRow): TimelinePoint => ({
  scanId: toScanId(id),
  startedAt,
  status,
  open,
  partial: status !== 'completed',
});

/**
 * Open ports over every scan of the same targets, oldest first: the latest TIMELINE_POINTS of
 * them, slid back just far enough to keep the asked-for scan when it is older than those (so a
 * chart can always mark it). A running scan is a point too, with what it has committed so far.
 * Cost: index range counts and one read of at most TIMELINE_POINTS rows, in one read transaction
 * so that the points and the total agree while another process writes.
 */
export function getTimeline(ctx: StoreContext, id: ScanId): Timeline {
  return ctx.sqlite.transaction((): Timeline => {
    const counts = ctx.statements.get(COUNTS).get({ id }) as { total: number; newer: number };
    if (counts.total === 0) {
      throw new PortholeError('not-found', `scan ${id} is not in the history`, 'scanId');
    }
    const limit = TIMELINE_POINTS;
    const rows =
      counts.newer < limit
        ? (ctx.statements.get(LATEST).raw(true).all({ id, limit }) as PointRow[]).reverse()
        : (ctx.statements.get(FROM_SCAN_ON).raw(true).all({ id, limit }) as PointRow[]);
    return { points: rows.map(toPoint), total: counts.total };
  })();
}
