// What SQLite itself spends storing one scan of N ports, one row per port as the design requires
// (DESIGN.md, "Storage"), with no JavaScript per row: INSERT … SELECT over a recursive CTE fills the
// real results table (schema, pragmas and indexes from openDatabase) with the writer's statement
// shape and transaction size, then the connection closes (checkpoint and fsync), as the CLI's does.
// Loading the SQLite addon is not counted. cli.mjs compares this with the scan kept in memory.
// Run: node --import tsx scripts/bench/sqlite-floor.ts [--sizes 10000,65535]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/main/store/database';
import { ScanRequestSchema } from '../../src/shared/scan-request';

const option = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
};
const sizes = option('sizes', '10000,65535').split(',').map(Number);
const runs = Number(option('runs', '7'));
/** The writer's default transaction size (store/writer.ts). */
const ROWS_PER_TRANSACTION = 2000;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const dir = mkdtempSync(join(tmpdir(), 'porthole-bench-floor-'));

/** One scan's rows written by SQLite itself: what a loopback scan finds (1 port in 1,000 open). */
function floorOnce(file: string, ports: number): Floor {
  openDatabase(file).close(); // the history exists already, as it does after the first scan
  const opening = performance.now();
  const db = openDatabase(file);
  const scanId = db.createScan(
    ScanRequestSchema.parse({ targets: '127.0.0.1', ports: `1-${ports}` }),
  );
  const hostId = db.sqlite
    .prepare(
      `INSERT INTO hosts (scan_id, address, sort_key) VALUES (?, '127.0.0.1', x'047f000001')`,
    )
    .run(scanId).lastInsertRowid;
  // The writer's statement shape (upsert clause included) and its transactions of 2,000 rows; about
  // one port in eleven carries a service name, as IANA names about 9% of TCP ports.
  const insert = db.sqlite.prepare(`
    WITH RECURSIVE port(n) AS (SELECT :first UNION ALL SELECT n + 1 FROM port WHERE n < :last)
    INSERT INTO results (scan_id, host_id, port, protocol, state, reason, rtt_us, service, banner, scanned_at)
    SELECT :scan, :host, n, 'tcp',
           CASE WHEN n % 1000 = 0 THEN 'open' ELSE 'closed' END,
           CASE WHEN n % 1000 = 0 THEN 'syn-ack' ELSE 'conn-refused' END,
           40 + n % 50, CASE WHEN n % 11 = 0 THEN 'http-alt' END, NULL, :at + n / 100
    FROM port WHERE true
    ON CONFLICT (scan_id, host_id, port, protocol) DO UPDATE SET
      state = excluded.state, reason = excluded.reason, rtt_us = excluded.rtt_us,
      service = excluded.service, banner = excluded.banner, scanned_at = excluded.scanned_at`);
  const batch = db.sqlite.transaction((first: number, last: number) =>
    insert.run({ first, last, scan: scanId, host: hostId, at: Date.now() }),
  );
  const started = performance.now();
  const openMs = started - opening;
  for (let first = 1; first <= ports; first += ROWS_PER_TRANSACTION) {
    batch.immediate(first, Math.min(ports, first + ROWS_PER_TRANSACTION - 1));
  }
  const inserted = performance.now();
  db.close();
  return { openMs, insertMs: inserted - started, closeMs: performance.now() - inserted };
}

/** Milliseconds: opening the history and creating the scan, the rows, and the closing checkpoint. */
interface Floor {
  openMs: number;
  insertMs: number;
  closeMs: number;
}

try {
  for (const ports of sizes) {
    const samples = Array.from({ length: runs }, (_, i) =>
      floorOnce(join(dir, `floor-${ports}-${i}.db`), ports),
    );
    const pick = (k: keyof Floor): number => median(samples.map((s) => s[k]));
    console.log(
      JSON.stringify({
        ports,
        openMs: pick('openMs'),
        insertMs: pick('insertMs'),
        closeMs: pick('closeMs'),
      }),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
