import type Database from 'better-sqlite3';
import type { PortState, ScanId } from '../../shared/domain';
import { addressSortKey } from './address-key';
import { ADD_TO_HOST_COUNTS } from './host-counts';
import type { PendingResults } from './pending-results';
import type { StoreContext } from './statements';

const COLUMNS = 10;
/** Positions of the states in a counts array (PORT_STATES order, as the UPDATEs take them). */
const STATE_INDEX: Record<PortState, number> = { open: 0, closed: 1, filtered: 2, error: 3 };
/** Rows per INSERT statement: one native call per 64 rows instead of 64 (640 parameters, far under SQLite's limit). */
export const ROWS_PER_STATEMENT = 64;

const valuesFor = (rows: number): string =>
  Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');

// A port probed twice in one scan (a retry reported late) keeps its latest answer.
const insertSql = (rows: number): string => `
  INSERT INTO results (scan_id, host_id, port, protocol, state, reason, rtt_us, service, banner, scanned_at)
  VALUES ${valuesFor(rows)}
  ON CONFLICT (scan_id, host_id, port, protocol) DO UPDATE SET
    state = excluded.state, reason = excluded.reason, rtt_us = excluded.rtt_us,
    service = excluded.service, banner = excluded.banner, scanned_at = excluded.scanned_at`;

/**
 * Inserts one scan's results. Host ids are cached per scan (hosts are few, results many), so the
 * hot path is a parameter array filled in place and one prepared statement per 64 rows.
 */
export class ResultInserter {
  private readonly hostIds = new Map<string, number>();
  /** Hosts first seen in the open transaction: forgotten if it rolls back. */
  private uncommitted: string[] = [];
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly counts: Database.Statement;
  private readonly hostCounts: Database.Statement;
  private readonly args = new Array<unknown>(ROWS_PER_STATEMENT * COLUMNS);

  constructor(
    private readonly ctx: StoreContext,
    private readonly scanId: ScanId,
  ) {
    this.many = ctx.statements.get(insertSql(ROWS_PER_STATEMENT));
    this.one = ctx.statements.get(insertSql(1));
    this.counts = ctx.statements.get(
      `UPDATE scans SET open_count = open_count + ?, closed_count = closed_count + ?,
         filtered_count = filtered_count + ?, error_count = error_count + ?
       WHERE id = ?`,
    );
    this.hostCounts = ctx.statements.get(ADD_TO_HOST_COUNTS);
  }

  /** Call inside a transaction. */
  insert(rows: PendingResults, from: number, to: number): void {
    const args = this.args;
    let i = from;
    for (; i + ROWS_PER_STATEMENT <= to; i += ROWS_PER_STATEMENT) {
      for (let j = 0; j < ROWS_PER_STATEMENT; j++) this.fill(args, j * COLUMNS, rows, i + j);
      this.many.run(args);
    }
    const single = new Array<unknown>(COLUMNS);
    for (; i < to; i++) {
      this.fill(single, 0, rows, i);
      this.one.run(single);
    }
    this.addToCounts(rows, from, to);
  }

  /**
   * The scan's and its hosts' counts follow the committed rows, in the same transaction, so
   * `porthole history` and the window show a running scan's progress. (A late retry that overwrites
   * a port's answer counts twice here; the final status recounts.)
   */
  private addToCounts(rows: PendingResults, from: number, to: number): void {
    const scan = [0, 0, 0, 0];
    // Results come host by host: usually one entry, a few when a transaction spans hosts.
    const hosts = new Map<number, number[]>();
    let hostId = -1;
    let host = scan;
    for (let i = from; i < to; i++) {
      const id = this.hostId(rows.host[i]!, rows.hostname[i]!);
      if (id !== hostId) {
        hostId = id;
        host = hosts.get(id) ?? [0, 0, 0, 0];
        hosts.set(id, host);
      }
      const k = STATE_INDEX[rows.state[i]!];
      scan[k]! += 1;
      host[k]! += 1;
    }
    this.counts.run(scan[0], scan[1], scan[2], scan[3], this.scanId);
    for (const [id, c] of hosts) this.hostCounts.run(c[0], c[1], c[2], c[3], id);
  }

  private fill(args: unknown[], k: number, rows: PendingResults, i: number): void {
    args[k] = this.scanId;
    args[k + 1] = this.hostId(rows.host[i]!, rows.hostname[i]!);
    args[k + 2] = rows.port[i];
    args[k + 3] = rows.protocol[i];
    args[k + 4] = rows.state[i];
    args[k + 5] = rows.reason[i];
    args[k + 6] = rows.rttUs(i);
    args[k + 7] = rows.service[i];
    args[k + 8] = rows.banner[i];
    args[k + 9] = rows.scannedAt[i];
  }

  /** Results come host by host: the last host's id is the next row's almost always. */
  private last: { address: string; hostname: string; id: number } | null = null;

  private hostId(address: string, hostname: string): number {
    const last = this.last;
    if (last !== null && last.address === address && last.hostname === hostname) return last.id;
    const id = this.lookUpHost(address, hostname);
    this.last = { address, hostname, id };
    return id;
  }

  private lookUpHost(address: string, hostname: string): number {
    const key = `${address}\u0000${hostname}`;
    const cached = this.hostIds.get(key);
    if (cached !== undefined) return cached;
    const statements = this.ctx.statements;
    statements
      .get(
        `INSERT INTO hosts (scan_id, address, hostname, sort_key) VALUES (?, ?, ?, ?)
         ON CONFLICT (scan_id, address, hostname) DO NOTHING`,
      )
      .run(this.scanId, address, hostname, addressSortKey(address));
    const { id } = statements
      .get(`SELECT id FROM hosts WHERE scan_id = ? AND address = ? AND hostname = ?`)
      .get(this.scanId, address, hostname) as { id: number };
    this.uncommitted.push(key);
    this.hostIds.set(key, id);
    return id;
  }

  committed(): void {
    this.uncommitted = [];
  }

  rolledBack(): void {
    for (const key of this.uncommitted) this.hostIds.delete(key);
    this.uncommitted = [];
    // Its host row may have been rolled back with the transaction.
    this.last = null;
  }
}
