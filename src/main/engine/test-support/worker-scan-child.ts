// Runs one scan entirely in one probe worker (probe-worker.ts: the native prober when it is
// built, the JavaScript one with PORTHOLE_PROBER=js) and prints its rows as JSON, then which
// prober ran on stderr's last line. Used by tests that need another process (a namespace, a
// lower open-file limit). Argument: the request as JSON.
import { Worker } from 'node:worker_threads';
import { ScanRequestSchema } from '../../../shared/scan-request';
import { classify } from '../errno';
import { socketBudget } from '../fd-limit';
import { planScan } from '../plan';
import { ProbeLocator } from '../probe-layout';
import { newCursorBuffer } from '../work-source';
import { findWorkerEntry } from '../worker-entry';
import { startWorkerEngine } from '../worker-engine';

async function main(): Promise<void> {
  const plan = await planScan(ScanRequestSchema.parse(JSON.parse(process.argv[2] ?? '{}')));
  const entry = findWorkerEntry();
  if (entry === null) throw new Error('no probe worker entry');
  const locator = new ProbeLocator(plan.layout);
  // FORCE_SOCKET_BUDGET ignores the open-file limit, to make the kernel refuse with EMFILE.
  const forced = Number(process.env.FORCE_SOCKET_BUDGET ?? 0);
  const window = Math.min(plan.timing.concurrency, forced > 0 ? forced : socketBudget());
  const rows: [string, number, string, string][] = [];
  await new Promise<void>((resolve, reject) => {
    const engine = startWorkerEngine(
      new Worker(entry.script, { eval: entry.eval }),
      {
        layout: plan.layout,
        cursor: newCursorBuffer(),
        chunkSize: 64,
        window,
        timeoutMs: plan.timing.timeoutMs,
        retries: plan.timing.retries,
      },
      {
        accept: (index, status) => {
          const outcome = classify(status);
          const host = locator.host(locator.hostIndexOf(index)).address;
          rows.push([host, locator.portOf(index), outcome.state, outcome.reason]);
        },
        done: () => {
          process.stderr.write(`prober: ${engine.prober ?? 'none'}\n`);
          resolve();
        },
        fail: reject,
      },
    );
  });
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
