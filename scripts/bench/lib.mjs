// Shared by the benchmarks: whole-process timing, medians, alternated runs, the machine's description,
// the histories they build, the loopback-only route for their pages. Their browser hosts start through
// ../host-process.mjs (the e2e suite's too).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOOPBACK } from '../host-process.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = path.join(root, 'out/main/cli.js');

export function requireBuild() {
  if (!existsSync(cli)) {
    console.error('bench: out/main/cli.js is missing; run `npm run build` first');
    process.exit(1);
  }
}

export const hasNmap = () => spawnSync('nmap', ['--version'], { stdio: 'ignore' }).status === 0;

/** Wall time of one whole process in milliseconds; a failing command fails the benchmark. */
export function time([command, argv, env]) {
  const started = process.hrtime.bigint();
  const r = spawnSync(command, argv, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
    maxBuffer: 16 << 20,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) {
    throw new Error(
      `${command} ${argv.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`,
    );
  }
  return ms;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Times each named command `runs` times, rotating who goes first so drift in the machine's load
 * falls on all alike; one untimed warm-up each. Returns the samples by name.
 */
export function alternate(commands, runs) {
  const names = Object.keys(commands);
  for (const name of names) time(commands[name]);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i += 1) {
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(i + k) % names.length];
      samples[name].push(time(commands[name]));
    }
  }
  return samples;
}

export function describeMachine() {
  const nmap = hasNmap()
    ? spawnSync('nmap', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]
    : 'nmap not installed';
  return (
    `${os.availableParallelism()} cpus (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ` +
    `${nmap}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`
  );
}

export function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
}

/**
 * Runs `script` (TypeScript, through tsx), which writes a benchmark's history into `file` and
 * prints a summary as the last line of its output, in JSON; returns that summary.
 */
export function buildHistory(script, file) {
  const built = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, script), file], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) {
    throw new Error(`${script} failed: ${(built.stderr ?? String(built.error)).slice(0, 800)}`);
  }
  return JSON.parse(built.stdout.trim().split('\n').at(-1));
}

/**
 * Only loopback may be reached from a Playwright browser context's pages; anything else is aborted
 * and its address kept in the returned list, which the benchmark checks to fail the run.
 */
export async function loopbackOnly(context) {
  const refused = [];
  await context.route(
    (u) => !LOOPBACK.has(u.hostname),
    (route) => {
      refused.push(route.request().url());
      return route.abort();
    },
  );
  return refused;
}
