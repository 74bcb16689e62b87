import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanId } from '../../shared/domain';
import { openDatabase, type HistoryDb } from './database';
import { MIGRATIONS } from './migrations';
import { request, result, results, tempDir, useTempDatabase } from './test-support';
import { createResultWriter } from './writer';

const tempDb = useTempDatabase('each');
// Databases a test opens itself; closed before the temporary folder goes (hooks run last-first).
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

/** Each host's counts, as stored, by address. */
function hostCounts(db: HistoryDb | Database.Database, id: ScanId | number) {
  const sqlite = db instanceof Database ? db : db.sqlite;
  const rows = sqlite
    .prepare(
      `SELECT address, open_count AS open, closed_count AS closed, filtered_count AS filtered,
         error_count AS error FROM hosts WHERE scan_id = ? ORDER BY address`,
    )
    .all(id) as { address: string }[];
  return Object.fromEntries(rows.map(({ address, ...counts }) => [address, counts]));
}

async function write(id: ScanId, rows: ReturnType<typeof results>): Promise<void> {
  const writer = createResultWriter(tempDb(), id);
  writer.write(rows);
  await writer.close();
}

describe("hosts' counts", () => {
  it('follow the committed rows, host by host, also within one transaction', async () => {
    const id = tempDb().createScan(request());
    await write(id, [
      ...results(1, 300, { host: '10.0.0.1' }),
      result(1, { host: '10.0.0.2', state: 'filtered' }),
      result(2, { host: '10.0.0.2', state: 'error' }),
      ...results(1, 100, { host: '10.0.0.3' }),
    ]);
    expect(hostCounts(tempDb(), id)).toEqual({
      '10.0.0.1': { open: 3, closed: 297, filtered: 0, error: 0 },
      '10.0.0.2': { open: 0, closed: 0, filtered: 1, error: 1 },
      '10.0.0.3': { open: 1, closed: 99, filtered: 0, error: 0 },
    });
  });

  it('are recounted when a scan ends early (a port answered twice counts once)', async () => {
    const id = tempDb().createScan(request());
    await write(id, results(1, 200, { host: '10.0.0.1' }));
    await write(id, results(1, 200, { host: '10.0.0.1', state: 'filtered' }));
    expect(hostCounts(tempDb(), id)['10.0.0.1']).toMatchObject({ closed: 198, filtered: 200 });
    tempDb().finishScan(id, { status: 'cancelled', endedAt: 1 });
    expect(hostCounts(tempDb(), id)['10.0.0.1']).toEqual({
      open: 0,
      closed: 0,
      filtered: 200,
      error: 0,
    });
    expect(tempDb().getScan(id)?.counts).toEqual({ open: 0, closed: 0, filtered: 200, error: 0 });
  });

  it("are recounted when a completed scan's counts are not their sum", async () => {
    const id = tempDb().createScan(request());
    await write(id, results(1, 100, { host: '10.0.0.1' }));
    tempDb().sqlite.prepare('UPDATE hosts SET closed_count = 7 WHERE scan_id = ?').run(id);
    tempDb().finishScan(id, {
      status: 'completed',
      endedAt: 1,
      counts: { open: 1, closed: 99, filtered: 0, error: 0 },
    });
    expect(hostCounts(tempDb(), id)['10.0.0.1']).toMatchObject({ open: 1, closed: 99 });
  });

  it('are counted for the scans of a version 3 history when it is migrated', () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'v3.db');
      const raw = new Database(file);
      for (const sql of MIGRATIONS.slice(0, 3)) raw.exec(sql);
      raw.pragma('user_version = 3');
      raw
        .prepare(
          `INSERT INTO scans (id, status, started_at, request_json, targets, targets_key, ports)
           VALUES (1, 'completed', 1, ?, 'x', 'x', '1-3')`,
        )
        .run(JSON.stringify(request()));
      raw.exec(`INSERT INTO hosts (id, scan_id, address, sort_key) VALUES
        (1, 1, '10.0.0.1', x'040a000001'), (2, 1, '10.0.0.2', x'040a000002')`);
      raw.exec(`INSERT INTO results (scan_id, host_id, port, protocol, state, reason, scanned_at) VALUES
        (1, 1, 1, 'tcp', 'open', 'syn-ack', 1), (1, 1, 2, 'tcp', 'closed', 'conn-refused', 1),
        (1, 1, 3, 'tcp', 'closed', 'conn-refused', 1), (1, 2, 1, 'tcp', 'filtered', 'no-response', 1)`);
      raw.close();
      const db = openDatabase(file);
      try {
        expect(hostCounts(db, 1)).toEqual({
          '10.0.0.1': { open: 1, closed: 2, filtered: 0, error: 0 },
          '10.0.0.2': { open: 0, closed: 0, filtered: 1, error: 0 },
        });
      } finally {
        db.close();
      }
    } finally {
      t.remove();
    }
  });

  it('are recounted for a scan interrupted by the death of its process', async () => {
    const id = tempDb().createScan(request());
    await write(id, results(1, 50, { host: '10.0.0.1' }));
    await write(id, results(1, 50, { host: '10.0.0.1' }));
    tempDb().sqlite.prepare('UPDATE scans SET owner_pid = NULL WHERE id = ?').run(id);
    const file = tempDb().file;
    tempDb().close();
    const again = openDatabase(file);
    cleanup.push(() => again.close());
    expect(again.recovered).toEqual([id]);
    expect(hostCounts(again, id)['10.0.0.1']).toEqual({
      open: 0,
      closed: 50,
      filtered: 0,
      error: 0,
    });
    expect(again.getScan(id)?.counts).toEqual({ open: 0, closed: 50, filtered: 0, error: 0 });
  });
});
