// Runs the native prober with every file descriptor taken once its thread has its epoll loop, so
// each socket() fails with EMFILE for real; prints the statuses as JSON. Run under a low
// `ulimit -n`. Argument: JSON list of { host, port }.
import { closeSync, openSync } from 'node:fs';
import { loadNativeProber } from '../native-prober';
import { CONTROL_PAUSE, CONTROL_RUN } from '../probe-control';
import { type Probe, runProbes } from './native-run';

const prober = loadNativeProber();
if (prober === null) throw new Error('native prober not built');
const probes = JSON.parse(process.argv[2] ?? '[]') as Probe[];
const held: number[] = [];
const takeFree = (): number => {
  const before = held.length;
  for (;;) {
    try {
      held.push(openSync('/dev/null', 'r'));
    } catch {
      return held.length - before;
    }
  }
};

async function main(): Promise<void> {
  // Paused before the probes arrive: descriptors are taken first, then probing starts.
  const run = runProbes(prober as NonNullable<typeof prober>, probes, {
    window: 50,
    beforeFeed: (handle) => prober?.control(handle, CONTROL_PAUSE),
  });
  // The loader's own pipes close a little later: take what they free too, until nothing more is.
  let quiet = 0;
  while (quiet < 4) {
    quiet = takeFree() === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 50));
  }
  prober?.control(run.handle, CONTROL_RUN);
  await run.ended;
  for (const fd of held) closeSync(fd);
  process.stdout.write(`${JSON.stringify([...run.results.values()])}\n`);
}

void main();
