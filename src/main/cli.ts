#!/usr/bin/env node
// The `porthole` command: plain Node, nothing here or below imports electron.
import { prewarmProbeWorker } from './engine/worker-entry';

// Probe workers start while the rest of the command loads: their start-up overlaps ours.
if (process.argv[2] === 'scan') prewarmProbeWorker();

void import('./cli/program').then(async ({ runCli }) => {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
  });
});
