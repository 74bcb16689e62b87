// The native prober's C loop alone, on this thread (no worker, no CLI): ports 1..N of 127.0.0.1,
// `window` sockets at most in flight. Loopback only. Needs the addon built (npm ci / npm run install):
//   node --import tsx scripts/bench/prober-direct.mts [ports=10000] [window=1000] [reps=5]
import { loadNativeProber } from '../../src/main/engine/native-prober';

const prober = loadNativeProber();
if (prober === null) throw new Error('native prober not built (npm run install) or disabled');
const ports = Number(process.argv[2] ?? 10000);
const window = Number(process.argv[3] ?? 1000);
const reps = Number(process.argv[4] ?? 5);
const FILL = 256;
const family = new Uint8Array(FILL).fill(4);
const addr = new Uint8Array(FILL * 16);
for (let i = 0; i < FILL; i += 1) addr.set([127, 0, 0, 1], i * 16);
const port = new Uint16Array(FILL);
const id = new Float64Array(FILL);
const out = [new Float64Array(1024), new Int32Array(1024), new Int32Array(1024)] as const;

const times: number[] = [];
for (let rep = 0; rep <= reps; rep += 1) {
  let next = 1;
  let results = 0;
  const started = performance.now();
  prober.probe(
    window,
    1000,
    2,
    family,
    addr,
    port,
    id,
    ...out,
    null,
    () => {
      let n = 0;
      for (; n < FILL && next <= ports; n += 1, next += 1) {
        port[n] = next;
        id[n] = next;
      }
      return n;
    },
    (count) => (results += count),
  );
  if (results !== ports) throw new Error(`${results} results for ${ports} probes`);
  // Rep 0 warms up and is not counted.
  if (rep > 0) times.push(performance.now() - started);
}
const median = [...times].sort((a, b) => a - b)[times.length >> 1] ?? NaN;
console.log(
  `${ports} ports on 127.0.0.1, window ${window}: median ${median.toFixed(0)} ms over ${reps}`,
);
