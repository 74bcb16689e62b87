// In-process engine timing, without CLI start-up: how long startScan takes for N ports on
// 127.0.0.1, per prober, connector and thread count. Used for the step-by-step table in docs/BENCHMARKS.md.
//   node --import tsx scripts/bench/engine-direct.mts [ports=1-10000] [reps=5]
// Runs every variant in turn, rep after rep, so machine-load drift falls on all of them alike.
import { ScanRequestSchema } from '../../src/shared/scan-request';
import { planScan, prewarmProbeWorker, startScan } from '../../src/main/engine';
import type { StartOptions } from '../../src/main/engine';

const ports = process.argv[2] ?? '1-10000';
const reps = Number(process.argv[3] ?? 5);
const variants: [string, StartOptions & { prewarm?: boolean }][] = [
  ['native, 1 thread', { threads: 1 }],
  ['native, 2 threads', { threads: 2 }],
  ['net.Socket, 1 thread', { connector: 'net-socket', threads: 1 }],
  ['tcp_wrap, 1 thread', { connector: 'tcp-wrap', threads: 1 }],
  ['tcp_wrap, 2 threads', { connector: 'tcp-wrap', threads: 2 }],
  // The worker started beforehand, as the CLI does while it loads (prewarmProbeWorker).
  ['tcp_wrap, 2, prewarmed', { connector: 'tcp-wrap', threads: 2, prewarm: true }],
];
const plan = await planScan(ScanRequestSchema.parse({ targets: '127.0.0.1', ports }));
const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
for (let rep = 0; rep <= reps; rep += 1) {
  for (const [name, opts] of variants) {
    if (opts.prewarm === true) {
      prewarmProbeWorker();
      await new Promise((r) => setTimeout(r, 300));
    }
    const started = performance.now();
    let n = 0;
    const run = startScan(plan, opts);
    if (name.startsWith('native') && run.prober !== 'native')
      throw new Error('native prober not built');
    for await (const batch of run.batches) n += batch.length;
    if (n !== plan.totalProbes)
      throw new Error(`${name}: ${n} results for ${plan.totalProbes} probes`);
    // Rep 0 warms up (JIT, page cache) and is not counted.
    if (rep > 0) times.get(name)?.push(performance.now() - started);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
console.log(`${ports} on 127.0.0.1, ${reps} reps, in-process startScan time (median ms):`);
for (const [name, xs] of times)
  console.log(`  ${name.padEnd(22)} ${median(xs).toFixed(0).padStart(6)}`);
