// Builds the history file the window benchmark (ui.mjs) scrolls: one completed scan of 1,000,000
// results (16 hosts x 62,500 ports), written through the real writer as a scan writes them
// (batches of 256 on separate event-loop turns), the same shape as scripts/bench/store.ts.
// Nothing is probed: the rows are made up. Prints one JSON line: the scan id, its row count, the
// last result in the explorer's default order read back through the store, and how long the
// store takes for one page of the explorer (200 rows, every state) at offsets across the scan.
// Run: node --import tsx scripts/bench/ui-history.mts <file.db>
import { performance } from 'node:perf_hooks';
import type { PortResult } from '../../src/shared/domain';
import { ScanRequestSchema } from '../../src/shared/scan-request';
import { parseResultQuery } from '../../src/shared/result-query';
import { openDatabase } from '../../src/main/store/database';
import { createResultWriter } from '../../src/main/store/writer';

export const SCAN_NAME = 'bench: 1,000,000 results';
const HOSTS = Array.from({ length: 16 }, (_, i) => `127.0.0.${i + 1}`);
const PORTS = 62_500;
/** The query the benchmark types into the explorer: every state, i.e. every row. */
export const ALL_STATES = 'open closed filtered error';

/** A plausible outcome: mostly closed, 1 in 200 open with a banner, 1 in 50 filtered. */
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
  if (!file) throw new Error('usage: ui-history.mts <file.db>');
  const started = performance.now();
  const db = openDatabase(file);
  const request = ScanRequestSchema.parse({
    targets: `127.0.0.1-${HOSTS.length}`,
    ports: `1-${PORTS}`,
  });
  const startedAt = Date.now();
  const id = db.createScan(request, { name: SCAN_NAME, startedAt });
  const writer = createResultWriter(db, id);
  for (const host of HOSTS) {
    for (let port = 1; port <= PORTS; port += 256) {
      const batch: PortResult[] = [];
      for (let p = port; p < port + 256 && p <= PORTS; p++) batch.push(outcome(host, p, startedAt));
      writer.write(batch);
      await nextTurn();
    }
  }
  await writer.close();
  const summary = await writer.completion;
  db.finishScan(id, { status: 'completed', endedAt: Date.now() });
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
