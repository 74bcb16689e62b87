import { describe, expect, it } from 'vitest';
import { PendingResults } from './pending-results';
import { ResultInserter } from './result-insert';
import { request, result, useTempDatabase } from './test-support';

const tempDb = useTempDatabase('each');

describe('ResultInserter', () => {
  it('adds a host again after the transaction that added it rolled back', () => {
    const db = tempDb();
    const scanId = db.createScan(request());
    const inserter = new ResultInserter(db.ctx, scanId);
    const rows = PendingResults.of([
      result(1, { host: '127.0.0.9' }),
      result(2, { host: '127.0.0.9' }),
    ]);
    const failing = db.ctx.sqlite.transaction(() => {
      inserter.insert(rows, 0, 1);
      throw new Error('disk full, say');
    });
    expect(() => failing()).toThrow('disk full, say');
    inserter.rolledBack();
    // The host row went with the rollback: its id must not be reused from any cache.
    db.ctx.sqlite.transaction(() => inserter.insert(rows, 0, 2))();
    inserter.committed();
    const stored = db.ctx.sqlite
      .prepare(
        `SELECT h.address, r.port FROM results r JOIN hosts h ON h.id = r.host_id
         WHERE r.scan_id = ? ORDER BY r.port`,
      )
      .all(scanId);
    expect(stored).toEqual([
      { address: '127.0.0.9', port: 1 },
      { address: '127.0.0.9', port: 2 },
    ]);
  });

  it('keeps rows of hosts that alternate within one batch apart', () => {
    const db = tempDb();
    const scanId = db.createScan(request());
    const inserter = new ResultInserter(db.ctx, scanId);
    const rows = [1, 2, 3, 4, 5, 6].map((port) =>
      result(port, { host: port % 2 === 0 ? '127.0.0.2' : '127.0.0.1' }),
    );
    db.ctx.sqlite.transaction(() => inserter.insert(PendingResults.of(rows), 0, rows.length))();
    inserter.committed();
    const stored = db.ctx.sqlite
      .prepare(
        `SELECT h.address, r.port FROM results r JOIN hosts h ON h.id = r.host_id
         WHERE r.scan_id = ? ORDER BY r.port`,
      )
      .all(scanId) as { address: string; port: number }[];
    expect(stored.map((r) => `${r.address}:${r.port}`)).toEqual(
      rows.map((r) => `${r.host}:${r.port}`),
    );
  });
});
