// Runs one scan and prints its rows and which prober ran them as JSON; used by tests that need another process
// (a lower open-file limit, another network namespace). Argument: the request as JSON.
import { ScanRequestSchema } from '../../../shared/scan-request';
import { planScan } from '../plan';
import { startScan } from '../scan-run';

async function main(): Promise<void> {
  const plan = await planScan(ScanRequestSchema.parse(JSON.parse(process.argv[2] ?? '{}')));
  const rows: [string, number, string, string][] = [];
  // FORCE_SOCKET_BUDGET ignores the open-file limit, to make the kernel refuse with EMFILE for real
  // (one thread: a worker starting up while every descriptor is taken could not load its code).
  const forced = Number(process.env.FORCE_SOCKET_BUDGET ?? 0);
  const run = startScan(plan, forced > 0 ? { socketBudget: forced, threads: 1 } : {});
  for await (const batch of run.batches) {
    for (const r of batch) rows.push([r.host, r.port, r.state, r.reason]);
  }
  process.stdout.write(`${JSON.stringify({ prober: run.prober, rows })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
