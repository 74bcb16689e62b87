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
// Node reads NODE_EXTRA_CA_CERTS (and builds its whole certificate store) before any script runs,
// ~40 ms on this machine, where the sandbox sets it; a user's shell usually does not. The headline
// is measured as the environment is; the same command without the variable is printed beside it.
const extraCerts = process.env.NODE_EXTRA_CA_CERTS !== undefined;
const rows = [];
for (const size of sizes) {
  const range = `1-${size}`;
  const scan = [cli, 'scan', '127.0.0.1', '-p', range, '--no-db', '-q'];
  const samples = alternate(
    {
      porthole: [process.execPath, scan],
      ...(extraCerts
        ? { plainEnv: [process.execPath, scan, { NODE_EXTRA_CA_CERTS: undefined }] }
        : {}),
      ...(withNmap ? { nmap: ['nmap', ['-sT', '-n', '-Pn', '-p', range, '127.0.0.1']] } : {}),
    },
    runs,
  );
  const mine = median(samples.porthole);
  const plain = extraCerts ? median(samples.plainEnv) : null;
  const theirs = withNmap ? median(samples.nmap) : null;
  const ratio = (ms) => (theirs === null ? null : Number((ms / theirs).toFixed(2)));
  const row = {
    ports: size,
    portholeMs: Math.round(mine),
    nmapMs: theirs === null ? null : Math.round(theirs),
    ratio: ratio(mine),
    ...(plain === null
      ? {}
      : { withoutExtraCertsMs: Math.round(plain), ratioWithoutExtraCerts: ratio(plain) }),
  };
  rows.push(row);
  if (!asJson) {
    console.log(
      `${String(size).padStart(6)} ports  porthole ${String(row.portholeMs).padStart(5)} ms  ` +
        (theirs === null
          ? '(nmap not installed: no ratio)'
          : `nmap -sT ${String(row.nmapMs).padStart(5)} ms  ratio ${row.ratio.toFixed(2)} (target <= 1.0)`),
    );
    if (plain !== null) {
      console.log(
        `              without NODE_EXTRA_CA_CERTS ${Math.round(plain)} ms` +
          (theirs === null ? '' : `  ratio ${ratio(plain).toFixed(2)}`),
      );
    }
  }
}
if (asJson) console.log(JSON.stringify({ machine: describeMachine(), runs, rows }, null, 2));
