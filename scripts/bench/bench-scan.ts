// The made-up scans the benchmarks store (not shipped code): one outcome per port, written through
// the real writer as a scan writes it (batches of 256 on separate event-loop turns). Nothing is
// probed. store.ts, ui-history.mts and export-window-history.mts build their histories with it.
// history.ts and store.ts time their calls with its timeIt.
import { performance } from 'node:perf_hooks';
import type { PortResult, ScanId } from '../../src/shared/domain';
import { ScanRequestSchema } from '../../src/shared/scan-request';
import type { HistoryDb } from '../../src/main/store/database';
import { createResultWriter, type WriterSummary } from '../../src/main/store/writer';

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A synchronous call's median time over `runs`, each on its own event-loop turn. */
export async function timeIt(fn: () => unknown, runs = 21): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
    await nextTurn();
  }
  return median(xs);
}

/** A plausible scan outcome: mostly closed, 1 in 200 open with a banner, 1 in 50 filtered. */
export function outcome(host: string, port: number, at: number): PortResult {
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

export interface BenchScanOptions {
  hosts: readonly string[];
  /** Ports 1..ports on every host. */
  ports: number;
  /** As typed in the request; the hosts, comma-separated, when left out. */
  targets?: string;
  name?: string;
  /** Changes some ports' outcomes (a second scan of the same targets that differs a little). */
  alter?: (result: PortResult) => PortResult;
}

export interface BenchScan {
  id: ScanId;
  summary: WriterSummary;
  /** Time spent inside write() calls, and from the first write to the writer's completion. */
  writeCallMs: number;
  wallMs: number;
}

/** Stores one completed scan of hosts x ports through the real writer. */
export async function writeBenchScan(db: HistoryDb, options: BenchScanOptions): Promise<BenchScan> {
  const request = ScanRequestSchema.parse({
    targets: options.targets ?? options.hosts.join(','),
    ports: `1-${options.ports}`,
  });
  const at = Date.now();
  const id = db.createScan(request, { name: options.name, startedAt: at });
  const writer = createResultWriter(db, id);
  let writeCallMs = 0;
  const started = performance.now();
  for (const host of options.hosts) {
    for (let port = 1; port <= options.ports; port += 256) {
      const batch: PortResult[] = [];
      for (let p = port; p < port + 256 && p <= options.ports; p++) {
        const result = outcome(host, p, at);
        batch.push(options.alter ? options.alter(result) : result);
      }
      const t = performance.now();
      writer.write(batch);
      writeCallMs += performance.now() - t;
      await nextTurn();
    }
  }
  await writer.close();
  const summary = await writer.completion;
  const wallMs = performance.now() - started;
  db.finishScan(id, { status: 'completed', endedAt: Date.now() });
  return { id, summary, writeCallMs, wallMs };
}
