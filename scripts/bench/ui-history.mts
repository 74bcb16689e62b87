// Builds the history file the window benchmark (ui.mjs) scrolls: one completed scan of 1,000,000
// results (16 hosts x 62,500 ports), written through the real writer as a scan writes them
// (batches of 256 on separate event-loop turns), the same shape as scripts/bench/store.ts.
// Nothing is probed: the rows are made up. Prints one JSON line: the scan id, its row count, the
// last result in the explorer's default order read back through the store, and how long the
// store takes for one page of the explorer (200 rows, every state) at offsets across the scan.
// Run: node --import tsx scripts/bench/ui-history.mts <file.db>
import { performance } from 'node:perf_hooks';
import { parseResultQuery } from '../../src/shared/result-query';
import { openDatabase } from '../../src/main/store/database';
import { writeBenchScan } from './bench-scan';

export const SCAN_NAME = 'bench: 1,000,000 results';
const HOSTS = Array.from({ length: 16 }, (_, i) => `127.0.0.${i + 1}`);
const PORTS = 62_500;
/** The query the benchmark types into the explorer: every state, i.e. every row. */
export const ALL_STATES = 'open closed filtered error';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: ui-history.mts <file.db>');
  const started = performance.now();
  const db = openDatabase(file);
  const { id, summary } = await writeBenchScan(db, {
    hosts: HOSTS,
    ports: PORTS,
    targets: `127.0.0.1-${HOSTS.length}`,
    name: SCAN_NAME,
  });
  const filter = parseResultQuery(ALL_STATES);
  const first = db.getResults(id, filter, undefined, { offset: 0, limit: 1 });
  const last = db.getResults(id, filter, undefined, { offset: first.total - 1, limit: 1 });
  db.checkpoint();
  const pageMs: Record<number, number> = {};
  for (const offset of [0, 250_000, 500_000, 750_000, first.total - 200]) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      db.getResults(id, filter, undefined, { offset, limit: 200 });
      times.push(performance.now() - t);
    }
    pageMs[offset] = times.sort((a, b) => a - b)[2]!;
  }
  db.close();
  console.log(
    JSON.stringify({
      scanId: id,
      name: SCAN_NAME,
      rows: summary.rows,
      total: first.total,
      first: { host: first.rows[0]?.host, port: first.rows[0]?.port },
      last: { host: last.rows[0]?.host, port: last.rows[0]?.port, state: last.rows[0]?.state },
      buildMs: Math.round(performance.now() - started),
      pageMs,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
