import {
  FINAL_STATUSES,
  toScanId,
  type ScanId,
  type ScanStatus,
  type StateCounts,
} from '../../shared/domain';
import { PortholeError } from '../../shared/errors';
import type { ScanDetail, ScanSummary } from '../../shared/history';
import { CliScanRequestSchema, type ScanRequest } from '../../shared/scan-request';
import { beginDeletion } from './deletions';
import { hostCountSums, recountHosts } from './host-counts';
import type { StoreContext } from './statements';
import { targetsKey } from './targets-key';

/** A scan's row as the history list reads it: everything but the request. */
export interface ScanSummaryRow {
  id: number;
  name: string | null;
  status: ScanStatus;
  started_at: number;
  ended_at: number | null;
  targets: string;
  ports: string;
  open_count: number;
  closed_count: number;
  filtered_count: number;
  error_count: number;
  error: string | null;
}

export interface ScanRow extends ScanSummaryRow {
  request_json: string;
}

const SUMMARY_COLUMNS = `id, name, status, started_at, ended_at, request_json, targets, ports,
  open_count, closed_count, filtered_count, error_count, error`;

export const countsOf = (row: ScanSummaryRow): StateCounts => ({
  open: row.open_count,
  closed: row.closed_count,
  filtered: row.filtered_count,
  error: row.error_count,
});

export const toSummary = (row: ScanSummaryRow): ScanSummary => ({
  id: toScanId(row.id),
  name: row.name,
  status: row.status,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  targets: row.targets,
  ports: row.ports,
  counts: countsOf(row),
  error: row.error,
});

/** The port selection in words, for the history list. */
const portsText = (request: ScanRequest): string =>
  // nmap's `-p-` is every port; the history says which.
  (request.ports === '-' ? '1-65535' : request.ports) ??
  (request.topPorts !== undefined ? `top ${request.topPorts}` : 'default');

export function createScan(
  ctx: StoreContext,
  request: ScanRequest,
  opts: { name?: string; startedAt?: number } = {},
): ScanId {
  const info = ctx.statements
    .get(
      // The next id above every id ever used (migration 3): a deleted scan's id is never reused.
      `INSERT INTO scans (id, name, status, started_at, request_json, targets, targets_key, ports, owner_pid)
       VALUES ((SELECT id + 1 FROM scan_id_high_water), ?, 'running', ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      opts.name ?? request.name ?? null,
      opts.startedAt ?? Date.now(),
      JSON.stringify(request),
      request.targets,
      targetsKey(request.targets),
      portsText(request),
      process.pid,
    );
  return toScanId(Number(info.lastInsertRowid));
}

export function getScanRow(ctx: StoreContext, id: ScanId): ScanRow | null {
  const row = ctx.statements.get(`SELECT ${SUMMARY_COLUMNS} FROM scans WHERE id = ?`).get(id);
  return (row as ScanRow | undefined) ?? null;
}

/** The scan's row, or not-found naming `field` (none: the error names no field). */
export function requireScan(ctx: StoreContext, id: ScanId, field?: string): ScanRow {
  const row = getScanRow(ctx, id);
  if (!row) throw new PortholeError('not-found', `scan ${id} is not in the history`, field);
  return row;
}

/**
 * Names a scan, or clears its name (null or blank: the history shows its targets again). Any
 * scan, a running one too: the name is the person's label, nothing the scan itself writes.
 */
export function renameScan(ctx: StoreContext, id: ScanId, name: string | null): ScanSummary {
  const label = name?.trim() || null;
  if (ctx.statements.get(`UPDATE scans SET name = ? WHERE id = ?`).run(label, id).changes === 0) {
    throw new PortholeError('not-found', `scan ${id} is not in the history`, 'scanId');
  }
  return toSummary(requireScan(ctx, id, 'scanId'));
}

/** running <-> paused only; a final status is set by finishScan and never left. */
export function setStatus(ctx: StoreContext, id: ScanId, status: ScanStatus): void {
  const row = requireScan(ctx, id, 'scanId');
  if (FINAL_STATUSES.includes(row.status)) {
    throw new PortholeError('input', `scan ${id} is already ${row.status}`, 'scanId');
  }
  if (FINAL_STATUSES.includes(status)) {
    throw new PortholeError('internal', `setStatus(${status}): use finishScan for a final status`);
  }
  ctx.statements.get(`UPDATE scans SET status = ? WHERE id = ?`).run(status, id);
}

export interface ScanEnd {
  status: ScanStatus;
  /** What the session counted; used for a completed scan, recounted from the rows otherwise. */
  counts?: StateCounts;
  endedAt: number;
  error?: string | null;
}

export function finishScan(ctx: StoreContext, id: ScanId, end: ScanEnd): void {
  if (!FINAL_STATUSES.includes(end.status)) {
    throw new PortholeError('internal', `finishScan(${end.status}): not a final status`);
  }
  requireScan(ctx, id, 'scanId');
  // A completed scan committed every probe once (the engine probes each host and port once), so
  // the session's counts are the rows'; a scan that ended early keeps only what was committed,
  // which the rows count (one pass over the scan: too slow to run on every completed scan).
  let counts: StateCounts;
  if (end.status === 'completed' && end.counts) {
    counts = end.counts;
    // The hosts' counts must add up to the scan's; a cheap check (one row per host) that
    // recounts them when they do not.
    if (!sameCounts(hostCountSums(ctx.sqlite, id), counts)) recountHosts(ctx.sqlite, id);
  } else {
    counts = recountHosts(ctx.sqlite, id);
  }
  ctx.statements
    .get(
      `UPDATE scans SET status = ?, ended_at = ?, error = ?, owner_pid = NULL,
         open_count = ?, closed_count = ?, filtered_count = ?, error_count = ?
       WHERE id = ?`,
    )
    .run(
      end.status,
      end.endedAt,
      end.error ?? null,
      counts.open,
      counts.closed,
      counts.filtered,
      counts.error,
      id,
    );
}

const sameCounts = (a: StateCounts, b: StateCounts): boolean =>
  a.open === b.open && a.closed === b.closed && a.filtered === b.filtered && a.error === b.error;

/** A scan as the file holds it: whether this process runs it is the session registry's to say. */
export type StoredScanDetail = Omit<ScanDetail, 'runningHere'>;

export function getScan(ctx: StoreContext, id: ScanId): StoredScanDetail | null {
  const row = getScanRow(ctx, id);
  if (!row) return null;
  const { hosts } = ctx.statements
    .get(`SELECT count(*) AS hosts FROM hosts WHERE scan_id = ?`)
    .get(id) as { hosts: number };
  const counts = countsOf(row);
  const final = FINAL_STATUSES.includes(row.status);
  // A running scan's counts are written at its end; until then count the committed rows.
  const resultCount = final
    ? counts.open + counts.closed + counts.filtered + counts.error
    : (
        ctx.statements.get(`SELECT count(*) AS n FROM results WHERE scan_id = ?`).get(id) as {
          n: number;
        }
      ).n;
  return {
    ...toSummary(row),
    request: savedRequest(row.request_json),
    hostCount: hosts,
    resultCount,
  };
}

/**
 * The request as validated when the scan started; one saved under an older schema is shown as
 * saved. Read at the command line's bound: a scan from `-iL` may hold more than the window sends.
 */
function savedRequest(json: string): ScanRequest {
  const raw: unknown = JSON.parse(json);
  const parsed = CliScanRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : (raw as ScanRequest);
}

/** Ports whose results one delete transaction removes: a few thousand rows, a few milliseconds. */
const DELETE_PORT_SPAN = 4096;

/**
 * Deletes a scan with its hosts and results; a scan still being written is refused. A scan of a
 * million results goes in many small transactions with the event loop free between them (this is
 * the app's main process), and the scan row goes last, so an interrupted delete leaves a scan
 * that is still listed and can be deleted again, never rows without their scan.
 */
export async function deleteScan(ctx: StoreContext, id: ScanId): Promise<boolean> {
  const row = getScanRow(ctx, id);
  if (!row) return false;
  if (row.status === 'running' || row.status === 'paused') {
    throw new PortholeError(
      'input',
      `scan ${id} is ${row.status}; cancel it before deleting`,
      'scanId',
    );
  }
  // Readers between two of the transactions below (an export) learn from this mark that the rows
  // are going, before the scan's row says so.
  const ended = beginDeletion(ctx, id);
  try {
    const hosts = ctx.statements.get(`SELECT id FROM hosts WHERE scan_id = ?`).all(id) as {
      id: number;
    }[];
    const deleteSpan = ctx.statements.get(
      `DELETE FROM results WHERE scan_id = ? AND host_id = ? AND port BETWEEN ? AND ?`,
    );
    for (const host of hosts) {
      for (let from = 0; from <= 65535; from += DELETE_PORT_SPAN) {
        if (deleteSpan.run(id, host.id, from, from + DELETE_PORT_SPAN - 1).changes > 0) {
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }
    return ctx.statements.get(`DELETE FROM scans WHERE id = ?`).run(id).changes > 0;
  } finally {
    ended();
  }
}

/** The latest earlier scan of the same targets (as a set) that is not still running. */
export function previousScanOf(ctx: StoreContext, id: ScanId): ScanId | null {
  const found = ctx.statements
    .get(
      `SELECT p.id FROM scans s JOIN scans p
         ON p.targets_key = s.targets_key
        AND (p.started_at < s.started_at OR (p.started_at = s.started_at AND p.id < s.id))
       WHERE s.id = ? AND p.status NOT IN ('running', 'paused')
       ORDER BY p.started_at DESC, p.id DESC LIMIT 1`,
    )
    .get(id) as { id: number } | undefined;
  return found ? toScanId(found.id) : null;
}
