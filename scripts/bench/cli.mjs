#!/usr/bin/env node
// The CLI benchmark (issue 5): whole-process wall time of `porthole scan` with its database, with
// --no-db, and `nmap -sT -n -Pn` on the same ports of 127.0.0.1, alternated in one run; then the
// main thread's event-loop delay during a 65,535-port scan with the database. Loopback only.
// Run after `npm run build`:  node scripts/bench/cli.mjs [--runs 11] [--sizes 10000,65535]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  alternate,
  cli,
  describeMachine,
  hasNmap,
  median,
  option,
  requireBuild,
  root,
  time,
} from './lib.mjs';

requireBuild();
const runs = Number(option('runs', '11'));
const sizes = option('sizes', '10000,65535').split(',').map(Number);
const dir = mkdtempSync(path.join(tmpdir(), 'porthole-bench-'));
const db = path.join(dir, 'bench.db');
const withNmap = hasNmap();
const extraCerts = process.env.NODE_EXTRA_CA_CERTS !== undefined;

console.log(`machine: ${describeMachine()}`);
console.log(`runs: ${runs} each, alternated, whole-process wall time, medians; target 127.0.0.1\n`);

const scan = (range, ...extra) => [
  process.execPath,
  [cli, 'scan', '127.0.0.1', '-p', range, '-q', ...extra],
];
try {
  for (const size of sizes) {
    const range = `1-${size}`;
    const commands = {
      'porthole (db)': scan(range, '--db', db),
      'porthole --no-db': scan(range, '--no-db'),
      // See engine.mjs: Node's start-up reads this variable first, ~40 ms where it is set.
      ...(extraCerts
        ? {
            'porthole (db), no NODE_EXTRA_CA_CERTS': [
              ...scan(range, '--db', db),
              { NODE_EXTRA_CA_CERTS: undefined },
            ],
          }
        : {}),
      ...(withNmap ? { 'nmap -sT': ['nmap', ['-sT', '-n', '-Pn', '-p', range, '127.0.0.1']] } : {}),
    };
    const samples = alternate(commands, runs);
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
    const overhead = (m['porthole (db)'] / m['porthole --no-db'] - 1) * 100;
    console.log(`${size} ports`);
    for (const [name, ms] of Object.entries(m))
      console.log(`  ${name.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms`);
    console.log(`  database overhead  ${overhead.toFixed(1)}% (target <= 5%)`);
    if (withNmap) {
      console.log(
        `  ratio with db / nmap     ${(m['porthole (db)'] / m['nmap -sT']).toFixed(2)} (target <= 1.0)`,
      );
      if (extraCerts) {
        console.log(
          `  ratio with db / nmap without NODE_EXTRA_CA_CERTS ${(m['porthole (db), no NODE_EXTRA_CA_CERTS'] / m['nmap -sT']).toFixed(2)}`,
        );
      }
      console.log(
        `  ratio --no-db / nmap     ${(m['porthole --no-db'] / m['nmap -sT']).toFixed(2)}`,
      );
    }
    console.log('');
  }

  // Event-loop delay of the main thread (the desktop app's main process runs this same loop).
  const report = path.join(dir, 'loop.json');
  const loops = [];
  for (let i = 0; i < 5; i += 1) {
    time([
      process.execPath,
      [
        '--import',
        path.join(root, 'scripts/bench/loop-monitor.mjs'),
        cli,
        'scan',
        '127.0.0.1',
        '-p-',
        '-q',
        '--db',
        db,
      ],
      { PORTHOLE_LOOP_REPORT: report },
    ]);
    loops.push(JSON.parse(readFileSync(report, 'utf8')));
  }
  const pick = (k) => median(loops.map((l) => l[k])).toFixed(1);
  console.log('event-loop delay, 65,535 ports with the database (median of 5 runs)');
  console.log(
    `  p50 ${pick('p50')} ms  p99 ${pick('p99')} ms (target <= 20)  max ${pick('max')} ms (target <= 50)`,
  );
  console.log(
    `  worst run: p99 ${Math.max(...loops.map((l) => l.p99)).toFixed(1)} ms, max ${Math.max(...loops.map((l) => l.max)).toFixed(1)} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
