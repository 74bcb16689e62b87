// Runs the native prober with every file descriptor but one taken (the epoll loop's), so each
// socket() fails with EMFILE for real; prints the statuses as JSON. Run under a low `ulimit -n`.
// Argument: JSON list of { host, port }.
import { closeSync, openSync } from 'node:fs';
import { loadNativeProber } from '../native-prober';
import { type Probe, runProbes } from './native-run';

const prober = loadNativeProber();
if (prober === null) throw new Error('native prober not built');
const probes = JSON.parse(process.argv[2] ?? '[]') as Probe[];
const held: number[] = [];
for (;;) {
  try {
    held.push(openSync('/dev/null', 'r'));
  } catch {
    break;
  }
}
const spare = held.pop();
if (spare !== undefined) closeSync(spare);
const { results } = runProbes(prober, probes, { window: 50 });
for (const fd of held) closeSync(fd);
process.stdout.write(`${JSON.stringify([...results.values()])}\n`);
