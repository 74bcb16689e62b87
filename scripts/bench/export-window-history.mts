// Builds the history the window-export benchmark (export-window.mjs) downloads: one completed
// scan of 1,000,000 results (16 hosts x 62,500 ports) in the shape of scripts/bench/store.ts's
// million-row scan (mostly closed, 1 in 200 open with a banner, 1 in 50 filtered), written
// through the real writer in batches of 256 on separate event-loop turns, as a scan writes.
// Nothing is probed. Prints one JSON line: { scanId, rows, buildMs, fileBytes }.
// Run: node --import tsx scripts/bench/export-window-history.mts <file.db>
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/main/store/database';
import { writeBenchScan } from './bench-scan';

const HOSTS = Array.from({ length: 16 }, (_, i) => `10.0.${i}.${(i * 37) % 250}`);
const PORTS = 62_500;

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: export-window-history.mts <file.db>');
  const started = performance.now();
  const db = openDatabase(file);
  const { id, summary } = await writeBenchScan(db, {
    hosts: HOSTS,
    ports: PORTS,
    name: 'bench: export 1,000,000 rows',
  });
  db.checkpoint();
  db.close();
  console.log(
    JSON.stringify({
      scanId: id,
      rows: summary.rows,
      buildMs: Math.round(performance.now() - started),
      fileBytes: statSync(file).size,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
