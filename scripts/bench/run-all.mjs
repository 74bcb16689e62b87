#!/usr/bin/env node
// `npm run bench`: every benchmark in turn, each printing its figures and ratios against nmap
// measured in the same run. Record the results in docs/BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { root } from './lib.mjs';

const benches = [
  ['engine: scan to memory vs nmap (issue 3)', ['scripts/bench/engine.mjs']],
  ['cli: with database, --no-db, nmap; event-loop delay (issue 5)', ['scripts/bench/cli.mjs']],
  ['store: writer, queries, export (issue 4)', ['--import', 'tsx', 'scripts/bench/store.ts']],
  [
    'export from the window: 1,000,000 rows through the browser host (issue 11)',
    ['scripts/bench/export-window.mjs'],
  ],
  [
    'history: list, timeline, what changed (issue 11)',
    ['--import', 'tsx', 'scripts/bench/history.ts'],
  ],
  ['ui: the window in headless Chromium (issue 10)', ['scripts/bench/ui.mjs']],
  [
    'ui: the history of 10,000 scans and what changed, in the window (issue 11)',
    ['scripts/bench/ui-history-window.mjs'],
  ],
];
let failed = 0;
for (const [title, args] of benches) {
  console.log(`\n=== ${title} ===`);
  const run = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
