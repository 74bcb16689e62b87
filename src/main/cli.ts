#!/usr/bin/env node
// The `porthole` command: plain Node, nothing here or below imports electron.
import { loadNativeProber } from './engine/native-prober';

// Without the native prober, big scans probe in workers: start them while the rest of the
// command loads, so their start-up overlaps ours. The native prober needs no worker. Prewarming
// is only a head start: if it fails, the scan starts its workers itself (or probes here).
if (process.argv[2] === 'scan' && loadNativeProber() === null) {
  void import('./engine/worker-entry')
    .then(({ prewarmProbeWorker }) => prewarmProbeWorker())
    .catch(() => undefined);
}

// A reader that stops early (`porthole history | head -3`) closes the pipe: stop quietly, as
// other Unix tools do. Any other failure to write (a full disk) is one line and exit 1, never an
// unhandled error with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`porthole: cannot write the output: ${error.message}\n`);
  process.exit(1);
});

void import('./cli/program').then(async ({ runCli }) => {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
  });
});
