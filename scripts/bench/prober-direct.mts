// The native prober's threads alone (no engine, no CLI): ports 1..N of 127.0.0.1, `window`
// sockets at most in flight, 1 and 2 threads. Loopback only. Needs the addon built (npm ci):
//   node --import tsx scripts/bench/prober-direct.mts [ports=10000] [window=1000] [reps=5]
import { loadNativeProber } from '../../src/main/engine/native-prober';
import { runProbes } from '../../src/main/engine/test-support/native-run';

const prober = loadNativeProber();
if (prober === null) throw new Error('native prober not built (npm run install) or disabled');
const ports = Number(process.argv[2] ?? 10000);
const window = Number(process.argv[3] ?? 1000);
const reps = Number(process.argv[4] ?? 5);
const probes = Array.from({ length: ports }, (_, i) => ({ host: '127.0.0.1', port: i + 1 }));

const times = new Map<number, number[]>([
  [1, []],
  [2, []],
]);
for (let rep = 0; rep <= reps; rep += 1) {
  for (const [threads, xs] of times) {
    const started = performance.now();
    const run = runProbes(prober, probes, { threads, window, timeoutMs: 1000, retries: 2 });
    await run.ended;
    if (run.results.size !== ports) throw new Error(`${run.results.size} results for ${ports}`);
    // Rep 0 warms up and is not counted.
    if (rep > 0) xs.push(performance.now() - started);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
for (const [threads, xs] of times) {
  console.log(
    `${ports} ports on 127.0.0.1, window ${window}, ${threads} thread(s): median ${median(xs).toFixed(0)} ms over ${reps}`,
  );
}
