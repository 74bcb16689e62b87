// Builds the history the window-export benchmark (export-window.mjs) downloads: one completed
// scan of 1,000,000 results (16 hosts x 62,500 ports) in the shape of scripts/bench/store.ts's
// million-row scan (mostly closed, 1 in 200 open with a banner, 1 in 50 filtered), written
// through the real writer in batches of 256 on separate event-loop turns, as a scan writes.
// Nothing is probed. Prints one JSON line: { scanId, rows, buildMs, fileBytes }.
// Run: node --import tsx scripts/bench/export-window-history.mts <file.db>
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { PortResult } from '../../src/shared/domain';
import { ScanRequestSchema } from '../../src/shared/scan-request';
import { openDatabase } from '../../src/main/store/database';
import { createResultWriter } from '../../src/main/store/writer';

const HOSTS = Array.from({ length: 16 }, (_, i) => `10.0.${i}.${(i * 37) % 250}`);
const PORTS = 62_500;

/** store.ts's outcome(): a plausible scan, mostly closed. */
function outcome(host: string, port: number, at: number): PortResult {
  const open = port % 200 === 0;
  const filtered = !open && port % 50 === 0;
  return {
    host,
    hostname: null,
    port,
    protocol: 'tcp',
    state: open ? 'open' : filtered ? 'filtered' : 'closed',
    reason: open ? 'syn-ack' : filtered ? 'no-response' : 'conn-refused',
    rttUs: filtered ? null : 50 + (port % 400),
    service: open ? 'http' : null,
    banner: open ? `HTTP/1.1 200 OK\r\nServer: bench/${port}` : null,
    scannedAt: at,
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: export-window-history.mts <file.db>');
  const started = performance.now();
  const db = openDatabase(file);
  const request = ScanRequestSchema.parse({ targets: HOSTS.join(','), ports: `1-${PORTS}` });
  const at = Date.now();
  const id = db.createScan(request, { name: 'bench: export 1,000,000 rows' });
  const writer = createResultWriter(db, id);
  for (const host of HOSTS) {
    for (let port = 1; port <= PORTS; port += 256) {
      const batch: PortResult[] = [];
      for (let p = port; p < port + 256 && p <= PORTS; p++) batch.push(outcome(host, p, at));
      writer.write(batch);
      await nextTurn();
    }
  }
  await writer.close();
  const summary = await writer.completion;
  db.finishScan(id, { status: 'completed', endedAt: Date.now() });
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
