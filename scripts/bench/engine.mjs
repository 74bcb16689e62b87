#!/usr/bin/env node
// Engine benchmark: whole-process wall time of the built CLI against nmap's connect scan on
// 127.0.0.1 (loopback only), runs alternated, medians and the ratio Porthole/nmap printed.
// Run after `npm run build`:  node scripts/bench/engine.mjs [--runs 11] [--sizes 10000,65535]
//   [--cli out/main/cli.js] [--json]
// Not a test: nothing here asserts a time. See docs/BENCHMARKS.md for recorded figures.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const runs = Number(opt('runs', '11'));
const sizes = opt('sizes', '10000,65535').split(',').map(Number);
const cli = path.resolve(root, opt('cli', 'out/main/cli.js'));
const asJson = args.includes('--json');

if (!existsSync(cli)) {
  console.error(`bench: ${path.relative(root, cli)} is missing; run \`npm run build\` first`);
  process.exit(1);
}
const hasNmap = spawnSync('nmap', ['--version'], { stdio: 'ignore' }).status === 0;

/** Wall time of one whole process in milliseconds; fails loudly if the command fails. */
function time(command, argv) {
  const started = process.hrtime.bigint();
  const r = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 16 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) {
    throw new Error(
      `${command} ${argv.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`,
    );
  }
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const machine = {
  nproc: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
  nmap: hasNmap
    ? spawnSync('nmap', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]
    : 'not installed',
  load: os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' '),
};
if (!asJson) {
  console.log(
    `machine: ${machine.nproc} cpus (${machine.cpu}), node ${machine.node}, ${machine.nmap}, load ${machine.load}`,
  );
  console.log(`runs: ${runs} each, alternated, whole-process wall time; target 127.0.0.1\n`);
}

const rows = [];
for (const size of sizes) {
  const range = `1-${size}`;
  const porthole = [process.execPath, [cli, 'scan', '127.0.0.1', '-p', range, '--no-db', '-q']];
  const nmap = ['nmap', ['-sT', '-n', '-Pn', '-p', range, '127.0.0.1']];
  // One warm-up each (page cache, CPU frequency), not counted.
  time(...porthole);
  if (hasNmap) time(...nmap);
  const mine = [];
  const theirs = [];
  for (let i = 0; i < runs; i += 1) {
    // Alternate who goes first, so drift in machine load falls on both alike.
    if (i % 2 === 0 || !hasNmap) {
      mine.push(time(...porthole));
      if (hasNmap) theirs.push(time(...nmap));
    } else {
      theirs.push(time(...nmap));
      mine.push(time(...porthole));
    }
  }
  const row = {
    ports: size,
    portholeMs: Math.round(median(mine)),
    nmapMs: hasNmap ? Math.round(median(theirs)) : null,
    ratio: hasNmap ? Number((median(mine) / median(theirs)).toFixed(2)) : null,
    portholeMinMs: Math.round(Math.min(...mine)),
    nmapMinMs: hasNmap ? Math.round(Math.min(...theirs)) : null,
  };
  rows.push(row);
  if (!asJson) {
    console.log(
      `${String(size).padStart(6)} ports  porthole ${String(row.portholeMs).padStart(5)} ms  ` +
        (hasNmap
          ? `nmap -sT ${String(row.nmapMs).padStart(5)} ms  ratio ${row.ratio.toFixed(2)}  ` +
            `(min ${row.portholeMinMs} / ${row.nmapMinMs} ms)`
          : '(nmap not installed: no ratio)'),
    );
  }
}
if (asJson) console.log(JSON.stringify({ machine, runs, rows }, null, 2));
