#!/usr/bin/env node
// Engine benchmark (issue 3): whole-process wall time of the built CLI, results kept in memory
// (--no-db), against nmap's connect scan on 127.0.0.1 (loopback only); runs alternated, medians
// and the ratio Porthole/nmap printed. Not a test: nothing here asserts a time.
// Run after `npm run build`:  node scripts/bench/engine.mjs [--runs 11] [--sizes 10000,65535] [--json]
import { alternate, cli, describeMachine, hasNmap, median, option, requireBuild } from './lib.mjs';

requireBuild();
const runs = Number(option('runs', '11'));
const sizes = option('sizes', '10000,65535').split(',').map(Number);
const asJson = process.argv.includes('--json');
const withNmap = hasNmap();

if (!asJson) {
  console.log(`machine: ${describeMachine()}`);
  console.log(`runs: ${runs} each, alternated, whole-process wall time; target 127.0.0.1\n`);
}
const rows = [];
for (const size of sizes) {
  const range = `1-${size}`;
  const samples = alternate(
    {
      porthole: [process.execPath, [cli, 'scan', '127.0.0.1', '-p', range, '--no-db', '-q']],
      ...(withNmap ? { nmap: ['nmap', ['-sT', '-n', '-Pn', '-p', range, '127.0.0.1']] } : {}),
    },
    runs,
  );
  const mine = median(samples.porthole);
  const theirs = withNmap ? median(samples.nmap) : null;
  const row = {
    ports: size,
    portholeMs: Math.round(mine),
    nmapMs: theirs === null ? null : Math.round(theirs),
    ratio: theirs === null ? null : Number((mine / theirs).toFixed(2)),
  };
  rows.push(row);
  if (!asJson) {
    console.log(
      `${String(size).padStart(6)} ports  porthole ${String(row.portholeMs).padStart(5)} ms  ` +
        (theirs === null
          ? '(nmap not installed: no ratio)'
          : `nmap -sT ${String(row.nmapMs).padStart(5)} ms  ratio ${row.ratio.toFixed(2)} (target <= 1.0)`),
    );
  }
}
if (asJson) console.log(JSON.stringify({ machine: describeMachine(), runs, rows }, null, 2));
