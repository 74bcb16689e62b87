// Probe workers alone, without the CLI and without the main thread probing: N workers over one
// shared cursor, the native prober against the JavaScript one (tcp_wrap), from starting the
// workers to the last result. Loopback only (127.0.0.1). Run after `npm run build`:
//   node --import tsx scripts/bench/prober-workers.mts [ports=10000] [reps=5]
// Workers are started from the bundle (out/main/probe-worker.js), as the CLI starts them.
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { makeLayout } from '../../src/main/engine/probe-layout';
import { newCursorBuffer } from '../../src/main/engine/work-source';
import { startWorkerEngine } from '../../src/main/engine/worker-engine';

const ports = Number(process.argv[2] ?? 10000);
const reps = Number(process.argv[3] ?? 5);
const script = path.resolve(import.meta.dirname, '../../out/main/probe-worker.js');
const layout = makeLayout(
  [{ family: 4, first: 0x7f000001n, last: 0x7f000001n, hostname: null }],
  Uint16Array.from({ length: ports }, (_, i) => i + 1),
);

async function once(workers: number, js: boolean): Promise<{ ms: number; prober: string }> {
  const cursor = newCursorBuffer();
  const started = performance.now();
  let results = 0;
  const probers: string[] = [];
  await Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<void>((resolve, reject) => {
          const engine = startWorkerEngine(
            // No --import tsx in the worker: the CLI's workers load plain JavaScript.
            new Worker(script, { execArgv: [] }),
            {
              layout,
              cursor,
              chunkSize: 64,
              window: 1000 / workers,
              timeoutMs: 1000,
              retries: 2,
              ...(js ? { connector: 'tcp-wrap' as const } : {}),
            },
            {
              accept: () => (results += 1),
              done: () => {
                probers.push(engine.prober ?? 'none');
                resolve();
              },
              fail: reject,
            },
          );
        }),
    ),
  );
  if (results !== ports) throw new Error(`${results} results for ${ports} probes`);
  return { ms: performance.now() - started, prober: [...new Set(probers)].join('+') };
}

const variants = [
  [1, false],
  [1, true],
  [2, false],
  [2, true],
] as const;
const times = new Map<string, number[]>();
for (let rep = 0; rep <= reps; rep += 1) {
  for (const [workers, js] of variants) {
    const { ms, prober } = await once(workers, js);
    const name = `${workers} worker(s), ${prober}`;
    // Rep 0 warms up and is not counted.
    if (rep > 0) times.set(name, [...(times.get(name) ?? []), ms]);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
console.log(`${ports} ports on 127.0.0.1, ${reps} reps, worker start to last result (median ms):`);
for (const [name, xs] of times)
  console.log(`  ${name.padEnd(24)} ${median(xs).toFixed(0).padStart(6)}`);
