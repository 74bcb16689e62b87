#!/usr/bin/env node
// The CLI benchmark (issue 5): whole-process wall time of `porthole scan` with its database, with
// --no-db, and `nmap -sT -n -Pn` on the same ports of 127.0.0.1, alternated in one run; then the
// main thread's event-loop delay during a 65,535-port scan with the database. Loopback only.
// Run after `npm run build`:  node scripts/bench/cli.mjs [--runs 11] [--sizes 10000,65535]
import { spawnSync } from 'node:child_process';
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

/** SQLite alone storing each size (sqlite-floor.ts): the least a one-row-per-port writer can add. */
function sqliteFloor() {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'scripts/bench/sqlite-floor.ts'),
      '--sizes',
      sizes.join(','),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`sqlite-floor.ts failed: ${run.stderr.slice(0, 500)}`);
  return new Map(
    run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .map((f) => [f.ports, f]),
  );
}

const scan = (range, ...extra) => [
  process.execPath,
  [cli, 'scan', '127.0.0.1', '-p', range, '-q', ...extra],
];
const floors = [];
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
    floors.push({ size, noDb: m['porthole --no-db'] });
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

  // The floor: even with no JavaScript per row, and with the insert overlapping probing perfectly
  // on both cores (half its time), one row per port costs this share of the in-memory scan.
  const floor = sqliteFloor();
  console.log('SQLite alone, one row per port, no JavaScript (sqlite-floor.ts, median of 7)');
  for (const { size, noDb } of floors) {
    const f = floor.get(size);
    const serial = f.openMs + f.insertMs + f.closeMs;
    const overlapped = f.openMs + f.insertMs / 2 + f.closeMs;
    console.log(
      `  ${size} ports: open ${f.openMs.toFixed(1)} + insert ${f.insertMs.toFixed(1)} + close ${f.closeMs.toFixed(1)} ms` +
        ` = ${((serial / noDb) * 100).toFixed(1)}% of --no-db; ${((overlapped / noDb) * 100).toFixed(1)}% if the insert hid half its time behind probing`,
    );
  }
  console.log('');

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
