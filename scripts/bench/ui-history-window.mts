// Builds the history the window's history benchmark (ui-history-window.mjs) opens: 10,000 scans
// of many targets, names and statuses (rows of the scans table only, as finishScan leaves them),
// then two 65,535-port scans of 127.0.0.1 written through the real writer, the later one with a
// few ports opened, closed and a banner changed: "what changed" compares them. Nothing is probed.
// Prints one JSON line: { scans, earlier, later, changes, buildMs }.
// Run: node --import tsx scripts/bench/ui-history-window.mts <file.db>
import { performance } from 'node:perf_hooks';
import { SCAN_STATUSES, type PortResult } from '../../src/shared/domain';
import { ScanRequestSchema } from '../../src/shared/scan-request';
import { openDatabase } from '../../src/main/store/database';
import { writeBenchScan } from './bench-scan';

const SCANS = 10_000;
const CHANGED = new Set([22, 8081, 31_337, 400]);

/** Ports 22, 8081 and 31337 flip between open and closed; port 400 keeps open with a new banner. */
function later(result: PortResult): PortResult {
  if (!CHANGED.has(result.port)) return result;
  if (result.port === 400) return { ...result, banner: 'HTTP/1.1 200 OK\r\nServer: nginx/1.27.0' };
  const open = result.state !== 'open';
  return {
    ...result,
    state: open ? 'open' : 'closed',
    reason: open ? 'syn-ack' : 'conn-refused',
    service: open ? 'http' : null,
    banner: null,
  };
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: ui-history-window.mts <file.db>');
  const started = performance.now();
  const db = openDatabase(file);
  const day = 86_400_000;
  const first = Date.now() - SCANS * (day / 24);
  db.sqlite.transaction(() => {
    for (let i = 0; i < SCANS; i += 1) {
      const targets = i % 3 === 0 ? `10.${i % 256}.0.0/24` : `192.168.${i % 200}.${i % 250}`;
      const request = ScanRequestSchema.parse({ targets, topPorts: 100 });
      const startedAt = first + i * (day / 24);
      const id = db.createScan(request, {
        name: i % 4 === 0 ? `nightly check ${i}` : undefined,
        startedAt,
      });
      const status = SCAN_STATUSES[2 + (i % 4)]!;
      db.finishScan(id, {
        status,
        endedAt: startedAt + 30_000,
        counts: { open: i % 17, closed: 100 - (i % 17), filtered: 0, error: 0 },
        error: status === 'failed' ? 'database or disk is full' : null,
      });
    }
  })();
  const earlier = await writeBenchScan(db, {
    hosts: ['127.0.0.1'],
    ports: 65_535,
    name: 'bench: what changed, earlier',
  });
  const latest = await writeBenchScan(db, {
    hosts: ['127.0.0.1'],
    ports: 65_535,
    name: 'bench: what changed, later',
    alter: later,
  });
  const diff = db.diffWithPrevious(latest.id);
  db.checkpoint();
  db.close();
  console.log(
    JSON.stringify({
      scans: SCANS + 2,
      earlier: earlier.id,
      later: latest.id,
      changes: diff?.changes.length ?? 0,
      buildMs: Math.round(performance.now() - started),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
