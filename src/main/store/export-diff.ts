import type { Protocol, ScanId } from '../../shared/domain';
import { changeKind } from '../../shared/diff-kind';
import type { PortSnapshot } from '../../shared/history';
import { watchForDeletion } from './deletions';
import { getScanRow, requireScan } from './scans';
import type { StoreContext } from './statements';

/**
 * Every change between two scans, streamed host by host: the comparison diffScans (diff.ts) makes,
 * with the same meaning, but without its DIFF_CHANGE_LIMIT, for exports. Each host present in
 * either scan is walked once, both scans' ports merged in (port, protocol) order from keyset
 * chunks, so memory stays flat whatever the size and writers keep committing between chunks.
 */

/** One line of a comparison: a port that changed, or a host that appeared or went. */
export type DiffRowKind = 'added' | 'removed' | 'changed' | 'host-added' | 'host-gone';
export type DiffField = 'state' | 'service' | 'banner';

export interface DiffRow {
  kind: DiffRowKind;
  host: string;
  hostname: string | null;
  /** null on host-added and host-gone rows. */
  port: number | null;
  protocol: Protocol | null;
  /** What differs, on `changed` rows. */
  changed: DiffField[];
  before: PortSnapshot | null;
  after: PortSnapshot | null;
}

// As the scan export: a read per turn of the event loop stays a few milliseconds long.
const ROWS_PER_READ = 1024;
/** A query's own cost, in rows: 65,536 small hosts must not each get a turn of the event loop. */
const QUERY_WORK = 16;

type PortRow = [
  port: number,
  protocol: Protocol,
  state: PortSnapshot['state'],
  reason: string,
  service: string | null,
  banner: string | null,
];

/** A host of either scan, paired with the same (address, hostname) in the other, as diff.ts does. */
type HostPair = [
  fromHost: number | null,
  toHost: number | null,
  address: string,
  hostname: string,
  fromAnswered: number | null,
  toAnswered: number | null,
];

// "Answered": some port open or closed (diff.ts), read from the hosts' kept counts.
const HOST_PAIRS = `
  SELECT a.id, b.id, a.address, a.hostname, a.open_count + a.closed_count,
         b.open_count + b.closed_count, a.sort_key AS k
  FROM hosts a LEFT JOIN hosts b ON b.scan_id = :to AND b.address = a.address AND b.hostname = a.hostname
  WHERE a.scan_id = :from
  UNION ALL
  SELECT NULL, b.id, b.address, b.hostname, NULL, b.open_count + b.closed_count, b.sort_key
  FROM hosts b
  WHERE b.scan_id = :to AND NOT EXISTS (
    SELECT 1 FROM hosts a WHERE a.scan_id = :from AND a.address = b.address AND a.hostname = b.hostname)
  ORDER BY k, 4`;

const PORTS_AFTER = `
  SELECT port, protocol, state, reason, service, banner FROM results
  WHERE scan_id = ? AND host_id = ? AND (port, protocol) > (?, ?)
  ORDER BY port, protocol LIMIT ${ROWS_PER_READ}`;

const snapshot = (r: PortRow): PortSnapshot => ({
  state: r[2],
  reason: r[3],
  service: r[4],
  banner: r[5],
});

/** One host's ports in one scan, read a chunk at a time after the last key seen. */
class PortCursor {
  private rows: PortRow[] = [];
  private index = 0;
  private done: boolean;
  /** Reading done so far, in rows (a query counts as QUERY_WORK), so the caller can pace itself. */
  work = 0;

  constructor(
    private readonly ctx: StoreContext,
    private readonly scan: ScanId,
    private readonly host: number | null,
  ) {
    this.done = host === null;
  }

  peek(): PortRow | null {
    if (this.index < this.rows.length) return this.rows[this.index]!;
    if (this.done) return null;
    const last = this.rows[this.rows.length - 1];
    this.rows = this.ctx.statements
      .get(PORTS_AFTER)
      .raw(true)
      .all(this.scan, this.host, last?.[0] ?? -1, last?.[1] ?? '') as PortRow[];
    this.index = 0;
    this.work += QUERY_WORK + this.rows.length;
    if (this.rows.length < ROWS_PER_READ) this.done = true;
    return this.rows[0] ?? null;
  }

  take(): void {
    this.index++;
  }
}

const compareKeys = (a: PortRow, b: PortRow): number =>
  a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

export function assertDiffable(ctx: StoreContext, from: ScanId, to: ScanId): void {
  for (const id of [from, to]) requireScan(ctx, id);
}

/**
 * Yields the comparison's rows: per host (in address order) its host-added or host-gone row first,
 * then its port changes by port. Only the kinds in `kinds` are yielded, but every host is walked.
 * A scan deleted meanwhile ends it with not-found after the last row, so no export ends whole.
 */
export async function* diffRows(
  ctx: StoreContext,
  from: ScanId,
  to: ScanId,
  kinds: ReadonlySet<DiffRowKind>,
): AsyncGenerator<DiffRow> {
  // Deleted meanwhile, a scan would read as a smaller one: the end checks both are still there.
  const stillThere = watchForDeletion(ctx, [from, to]);
  // As diff.ts: what a scan that did not complete lacks, it may never have reached.
  const complete = (id: ScanId) => getScanRow(ctx, id)!.status === 'completed';
  const fromComplete = complete(from);
  const toComplete = complete(to);
  const pairs = ctx.statements.get(HOST_PAIRS).raw(true).all({ from, to }) as HostPair[];
  // Reading done when the event loop last had a turn.
  let worked = 0;
  let work = 0;
  for (const [fromHost, toHost, address, name, fromAnswered, toAnswered] of pairs) {
    const hostname = name === '' ? null : name;
    const row = (
      kind: DiffRowKind,
      port: PortRow | null,
      before: PortRow | null,
      after: PortRow | null,
      changed: DiffField[] = [],
    ): DiffRow => ({
      kind,
      host: address,
      hostname,
      port: port?.[0] ?? null,
      protocol: port?.[1] ?? null,
      changed,
      before: before && snapshot(before),
      after: after && snapshot(after),
    });
    const answeredBefore = (fromAnswered ?? 0) > 0;
    const answeredAfter = (toAnswered ?? 0) > 0;
    if (fromComplete && answeredAfter && !answeredBefore && kinds.has('host-added')) {
      yield row('host-added', null, null, null);
    }
    if (toComplete && answeredBefore && !answeredAfter && kinds.has('host-gone')) {
      yield row('host-gone', null, null, null);
    }
    const wantPorts = kinds.has('changed') || kinds.has('added') || kinds.has('removed');
    if (!wantPorts) continue;
    const a = new PortCursor(ctx, from, fromHost);
    const b = new PortCursor(ctx, to, toHost);
    for (;;) {
      const ra = a.peek();
      const rb = b.peek();
      if (!ra && !rb) break;
      const order = !ra ? 1 : !rb ? -1 : compareKeys(ra, rb);
      if (order === 0) {
        a.take();
        b.take();
        const changed = changedFields(ra!, rb!);
        if (changed.length > 0) {
          // Read as the window reads it: closed -> open is a port opened, open -> closed one gone.
          const line = row('changed', ra, ra, rb, changed);
          line.kind = changeKind(line);
          if (kinds.has(line.kind)) yield line;
        }
      } else if (order < 0) {
        a.take();
        if (toComplete && ra![2] === 'open' && kinds.has('removed'))
          yield row('removed', ra, ra, null);
      } else {
        b.take();
        if (fromComplete && rb![2] === 'open' && kinds.has('added'))
          yield row('added', rb, null, rb);
      }
      // About a read's worth of rows at a time, let I/O and writer commits run, as the scan export does.
      if (work + a.work + b.work - worked >= ROWS_PER_READ) {
        worked = work + a.work + b.work;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    work += a.work + b.work;
  }
  stillThere();
}

function changedFields(before: PortRow, after: PortRow): DiffField[] {
  const fields: DiffField[] = [];
  if (before[2] !== after[2]) fields.push('state');
  if (before[4] !== after[4]) fields.push('service');
  if (before[5] !== after[5]) fields.push('banner');
  return fields;
}
