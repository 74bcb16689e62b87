#!/usr/bin/env node
// The window benchmark (issue 10), in headless Chromium against the real built browser host
// (`porthole serve`): frame rate while a 65,535-port loopback scan started from the form runs
// (with nmap -sT on the same ports, same run, for context), the explorer scrolled from the first
// to the last of 1,000,000 stored results, first paint of fresh page loads, and the renderer's
// JavaScript size. A benchmark, not a test: it prints figures. Loopback only.
// Run after `npm run build`:
//   node scripts/bench/ui.mjs [--runs 3] [--loads 7] [--jumps 41] [--only paint,frames,scroll]
//                             [--no-nmap] [--trace] [--profile] [--keep-profiles DIR] [--cli <built cli.js>]
// --profile adds a CPU profile of the page (CDP Profiler, 1 ms samples) during each scan and
// during the scroll, and of the host's main thread (node --cpu-prof), summarised by self time and
// by busy stretch; it slows the page, so its runs' figures are not the benchmark's. With a build
// that has source maps (`npx electron-vite build --sourcemap --outDir DIR`, then
// `--cli DIR/main/cli.js`, NODE_PATH=node_modules) positions are mapped back to src/. --trace
// records DevTools' timeline during each scan and prints every task over 50 ms: wall time, the CPU
// time the thread got, what started it and what it did (script, style and layout, paint, GC).
/* global window, document, requestAnimationFrame */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium-path.mjs';
import { startHost } from '../host-process.mjs';
import {
  buildHistory,
  cli as builtCli,
  describeMachine,
  hasNmap,
  loopbackOnly,
  median,
  option,
  requireBuild,
  root,
  time,
} from './lib.mjs';
import { sourceMapsIn, summariseProfile } from './ui-profile.mjs';
import { summariseTrace, TRACE_CATEGORIES } from './ui-trace.mjs';

requireBuild();
const cli = path.resolve(option('cli', builtCli));
const rendererDir = path.join(path.dirname(cli), '../renderer');
const mapFor = sourceMapsIn(path.join(rendererDir, 'assets'));
/**
 * The window's parts, for profiles mapped to src/ (a sample counts for the first that any frame of
 * its stack matches). recharts' axes, grid and tooltip count for the rate chart: the open-ports bar
 * chart shares them but re-renders only when a new open port is found.
 */
const COMPONENTS = [
  ['StateMix (recharts pie)', /^recharts\/es6\/(polar\/|chart\/PieChart)|live-scan\/StateMix/],
  [
    'OpenPerHostChart (recharts bars)',
    /^recharts\/es6\/(cartesian\/Bar|chart\/BarChart)|OpenPerHostChart/,
  ],
  [
    'RateChart (recharts area)',
    /^recharts\/es6\/(cartesian\/|chart\/AreaChart|component\/Tooltip)|live-scan\/RateChart/,
  ],
  ['recharts (shared)', /^recharts\//],
  ['port map', /features\/port-map\//],
  ['tables (virtual rows)', /features\/results\/|live-scan\/OpenPortsTable|@tanstack\//],
  ['frame pump + store', /renderer\/src\/store\//],
  ['other window code', /^src\/renderer\//],
  ['react-dom', /^react-dom\//],
];
const only = option('only', 'paint,frames,scroll').split(',');
const runs = Number(option('runs', '3'));
const loads = Number(option('loads', '7'));
const jumps = Math.max(2, Number(option('jumps', '41')));
const keepProfiles = option('keep-profiles', null);
const profile = process.argv.includes('--profile') || keepProfiles !== null;
const trace = process.argv.includes('--trace');
/** With --keep-profiles DIR, each page profile (or trace) is also written there as NAME.EXT. */
function keep(name, data, ext = 'cpuprofile') {
  if (!keepProfiles) return;
  mkdirSync(keepProfiles, { recursive: true });
  writeFileSync(path.join(keepProfiles, `${name}.${ext}`), JSON.stringify(data));
}
const dir = mkdtempSync(path.join(tmpdir(), 'porthole-bench-ui-'));
const VIEWPORT = { width: 1280, height: 800 };
const fmt = (n, digits = 1) => (n === undefined || n === null ? '–' : n.toFixed(digits));
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

let browser = null;

/** Node's arguments for `porthole serve --db FILE` from the build, profiled into `cpuProfileDir`. */
function serveArgs(databaseFile, cpuProfileDir) {
  const nodeArgs = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  return [...nodeArgs, cli, 'serve', '--db', databaseFile];
}

/** Samples the page's CPU every millisecond until the returned stop(), which resolves the profile. */
async function startPageProfile(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile: pageProfile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    return pageProfile;
  };
}

/**
 * Runs in every page before its own scripts: long tasks (buffered) and when the app is ready; with
 * `watchCalls`, when each contract call went out on the WebSocket and when its answer came back.
 */
function pageInit({ watchCalls }) {
  const bench = { longTasks: [], readyAt: null, calls: [] };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      bench.longTasks.push({ start: e.startTime, duration: e.duration, name: e.name });
    }
  }).observe({ type: 'longtask', buffered: true });
  const ready = () => {
    if (document.querySelector('[data-testid="app-version"]')) bench.readyAt = performance.now();
    else requestAnimationFrame(ready);
  };
  requestAnimationFrame(ready);
  if (!watchCalls) return;
  const byId = new Map();
  const send = window.WebSocket.prototype.send;
  window.WebSocket.prototype.send = function (data) {
    const m = JSON.parse(data);
    if (m.type === 'call') {
      const call = { method: m.method, offset: m.input?.page?.offset, sentAt: performance.now() };
      byId.set(m.id, call);
      bench.calls.push(call);
    }
    if (!this.__benchWatched) {
      this.__benchWatched = true;
      this.addEventListener('message', (e) => {
        if (!e.data.startsWith('{"type":"result"')) return;
        const call = byId.get(JSON.parse(e.data).id);
        if (call) call.answeredAt = e.timeStamp;
      });
    }
    return send.call(this, data);
  };
}

async function newPage({ watchCalls = false } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  await context.addInitScript(pageInit, { watchCalls });
  const page = await context.newPage();
  return { context, page };
}

// ---------------------------------------------------------------------------------------------
// 3. Bundle size and first paint

function bundleSize() {
  const assets = path.join(rendererDir, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  let bytes = 0;
  let gzip = 0;
  for (const f of files) {
    const content = readFileSync(path.join(assets, f));
    bytes += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files, bytes, gzip };
}

async function firstPaint(url) {
  const samples = [];
  for (let i = 0; i <= loads; i += 1) {
    const { context, page } = await newPage();
    const refused = await loopbackOnly(context);
    await page.goto(url, { waitUntil: 'load' });
    await page.getByTestId('app-version').waitFor();
    await page.waitForFunction(() => window.__bench.readyAt !== null);
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const paint = Object.fromEntries(
        performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]),
      );
      return {
        responseEnd: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        fp: paint['first-paint'],
        fcp: paint['first-contentful-paint'],
        ready: window.__bench.readyAt,
      };
    });
    await context.close();
    if (refused.length > 0) throw new Error(`the page asked for ${refused.join(', ')}`);
    if (i === 0) {
      console.log(
        `  warm-up load (not counted): FCP ${fmt(m.fcp)} ms, version shown ${fmt(m.ready)} ms`,
      );
      continue;
    }
    samples.push(m);
    console.log(
      `  load ${i}: response end ${fmt(m.responseEnd)} ms, DOMContentLoaded ${fmt(m.domContentLoaded)} ms, ` +
        `load ${fmt(m.load)} ms, first paint ${fmt(m.fp)} ms, FCP ${fmt(m.fcp)} ms, ` +
        `version from main shown ${fmt(m.ready)} ms`,
    );
  }
  if (trace) {
    const { context, page } = await newPage();
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.goto(url, { waitUntil: 'load' });
    await page.getByTestId('app-version').waitFor();
    const traced = JSON.parse(String(await browser.stopTracing()));
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    );
    await context.close();
    console.log(`  one more load, traced (FCP ${fmt(fcp)} ms), up to FCP:`);
    const span = fcp ?? 1000;
    for (const line of summariseTrace(traced, {
      spanMs: span,
      mapFor,
      groups: COMPONENTS,
      from: 'navigation',
    })) {
      console.log(`    ${line}`);
    }
  }
  const med = (k) => median(samples.map((s) => s[k]));
  console.log(
    `first-contentful-paint after navigation start, median of ${samples.length} fresh loads: ` +
      `**${fmt(med('fcp'))} ms** (first paint ${fmt(med('fp'))}, DOMContentLoaded ` +
      `${fmt(med('domContentLoaded'))}, load ${fmt(med('load'))}, version from main shown ` +
      `${fmt(med('ready'))} ms)`,
  );
}

// ---------------------------------------------------------------------------------------------
// 1. Frames while a 65,535-port scan started from the form runs

/** In the page: rAF timestamps from now on, the Start click's time, and the end (Completed). */
function recordScanFrames() {
  const rec = { frames: [], clickAt: null, runningAt: null, completedAt: null };
  window.__bench.rec = rec;
  document.addEventListener(
    'click',
    (e) => {
      if (rec.clickAt === null && e.target.closest?.('button[type="submit"]')) {
        rec.clickAt = performance.now();
      }
    },
    { capture: true },
  );
  rec.done = new Promise((resolve) => {
    const frame = (ts) => {
      rec.frames.push(ts);
      if (rec.clickAt !== null) {
        const text = document.querySelector('[data-testid="scan-status"]')?.textContent;
        if (text === 'Running' && rec.runningAt === null) rec.runningAt = ts;
        if (text === 'Completed') {
          rec.completedAt = ts;
          return resolve();
        }
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** In the page: frame intervals for `ms` milliseconds of doing nothing. */
function idleFrames(ms) {
  return new Promise((resolve) => {
    const frames = [];
    const frame = (ts) => {
      frames.push(ts);
      if (ts - frames[0] >= ms) resolve(frames.slice(1).map((t, i) => t - frames[i]));
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

function frameFigures(intervals) {
  const medianMs = median(intervals);
  return {
    frames: intervals.length,
    fps: 1000 / medianMs,
    p95: percentile(intervals, 95),
    max: Math.max(...intervals),
  };
}

async function scanFromForm(url, run) {
  const { context, page } = await newPage();
  const refused = await loopbackOnly(context);
  await page.goto(url);
  await page.getByTestId('app-version').waitFor();
  await page.getByLabel('Targets').fill('127.0.0.1');
  // The radio itself is hidden under its label (a segmented control): click the label.
  const ports = page.getByRole('group', { name: 'Ports' });
  await ports.locator('label', { hasText: 'All 65,535' }).click();
  if (!(await ports.getByLabel('All 65,535').isChecked()))
    throw new Error('"All 65,535" not chosen');
  await page.getByTestId('estimate').filter({ hasText: '65,535 probes' }).waitFor();
  const idle = frameFigures(await page.evaluate(idleFrames, 1000));
  await page.evaluate(recordScanFrames);
  const stopProfile = profile ? await startPageProfile(context, page) : null;
  if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.getByRole('button', { name: 'Start scan' }).click();
  await page.evaluate(() => window.__bench.rec.done);
  const traced = trace ? JSON.parse(String(await browser.stopTracing())) : null;
  const r = await page.evaluate(() => {
    const { frames, clickAt, runningAt, completedAt } = window.__bench.rec;
    const longTasks = window.__bench.longTasks.filter(
      (t) => t.start + t.duration > clickAt && t.start < completedAt,
    );
    return { frames, clickAt, runningAt, completedAt, longTasks };
  });
  const pageProfile = stopProfile ? await stopProfile() : null;
  await context.close();
  if (refused.length > 0) throw new Error(`the page asked for ${refused.join(', ')}`);
  // From the last frame before the click to the frame that showed Completed.
  const from = r.frames.findLastIndex((t) => t <= r.clickAt);
  const frames = r.frames.slice(Math.max(0, from), r.frames.indexOf(r.completedAt) + 1);
  const intervals = frames.slice(1).map((t, i) => t - frames[i]);
  const f = frameFigures(intervals);
  const longest = r.longTasks.reduce((m, t) => Math.max(m, t.duration), 0);
  const result = {
    ...f,
    meanFps: (1000 * intervals.length) / (frames.at(-1) - frames[0]),
    load: os.loadavg()[0],
    idleFps: idle.fps,
    idleP95: idle.p95,
    durationMs: r.completedAt - r.clickAt,
    runningMs: r.runningAt === null ? null : r.runningAt - r.clickAt,
    longTasks: r.longTasks.length,
    over100: r.longTasks.filter((t) => t.duration > 100).length,
    longest,
    longTaskList: r.longTasks,
  };
  console.log(
    `  run ${run} (load ${fmt(result.load, 2)}): median ${fmt(f.fps)} fps ` +
      `(frames/time ${fmt(result.meanFps)} fps), p95 frame ${fmt(f.p95)} ms, max frame ${fmt(f.max)} ms ` +
      `(${f.frames} frames); long tasks ${result.longTasks} (over 100 ms: ${result.over100}), ` +
      `longest ${fmt(longest)} ms; click to Completed ${fmt(result.durationMs, 0)} ms ` +
      `(badge Running after ${fmt(result.runningMs, 0)} ms); idle before: ${fmt(idle.fps)} fps, ` +
      `p95 ${fmt(idle.p95)} ms`,
  );
  if (r.longTasks.length > 0) {
    console.log(
      `    long tasks (start after click, duration): ${r.longTasks
        .map((t) => `+${fmt(t.start - r.clickAt, 0)} ${fmt(t.duration, 0)} ms`)
        .join(', ')}`,
    );
  }
  if (traced) {
    keep(`trace-scan-${run}`, traced, 'json');
    console.log('    trace of the page (DevTools timeline), click to Completed:');
    for (const line of summariseTrace(traced, {
      spanMs: result.durationMs,
      mapFor,
      groups: COMPONENTS,
    })) {
      console.log(`      ${line}`);
    }
  }
  if (pageProfile) {
    keep(`page-scan-${run}`, pageProfile);
    console.log('    page CPU profile, click to Completed, self time:');
    for (const line of summariseProfile(pageProfile, 14, { mapFor, groups: COMPONENTS }))
      console.log(`      ${line}`);
  }
  return result;
}

async function benchFrames() {
  const serve = await startHost(
    serveArgs(path.join(dir, 'scans.db'), profile ? path.join(dir, 'cpu-scans') : undefined),
    { cwd: root },
  );
  const withNmap = hasNmap() && !process.argv.includes('--no-nmap');
  const results = [];
  const nmap = [];
  try {
    for (let run = 1; run <= runs; run += 1) {
      results.push(await scanFromForm(serve.url, run));
      if (withNmap) {
        const ms = time(['nmap', ['-sT', '-n', '-Pn', '-p-', '127.0.0.1']]);
        nmap.push(ms);
        console.log(`         nmap -sT -n -Pn -p- 127.0.0.1: ${fmt(ms, 0)} ms`);
      }
    }
  } finally {
    await serve.stop();
  }
  const med = (k) => median(results.map((r) => r[k]));
  console.log(
    `median of ${runs} runs: **${fmt(med('fps'))} fps** (target >= 55; frames/time ${fmt(med('meanFps'))}), p95 frame **${fmt(med('p95'))} ms** ` +
      `(target <= 35), max frame ${fmt(med('max'))} ms (worst ${fmt(Math.max(...results.map((r) => r.max)))}); ` +
      `long tasks ${med('longTasks')}, over 100 ms: **${results.reduce((n, r) => n + r.over100, 0)} in all runs** ` +
      `(target 0), longest ${fmt(Math.max(...results.map((r) => r.longest)))} ms; click to Completed ` +
      `${fmt(med('durationMs'), 0)} ms` +
      (withNmap
        ? `; nmap -sT -p- ${fmt(median(nmap), 0)} ms`
        : `; nmap ${hasNmap() ? 'not run (--no-nmap)' : 'not installed (no comparison)'}`),
  );
  if (profile) mainProfile(path.join(dir, 'cpu-scans'), 'host main thread over all scan runs');
}

function mainProfile(profileDir, title) {
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread.
  const files = readdirSync(profileDir).filter((f) =>
    /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f),
  );
  for (const f of files) {
    const p = JSON.parse(readFileSync(path.join(profileDir, f), 'utf8'));
    console.log(`  ${title} (node --cpu-prof, ${f}), self time:`);
    for (const line of summariseProfile(p, 14, { mapFor, groups: COMPONENTS }))
      console.log(`    ${line}`);
  }
}

// ---------------------------------------------------------------------------------------------
// 2. The explorer over 1,000,000 stored results

/**
 * In the page: jumps the results scroller to `n` evenly spaced positions, top to bottom; for each,
 * the time from setting scrollTop until every visible row has its data, polled once per frame.
 * The rows shown must be those of the new position (computed the way ResultsTable scales).
 */
async function jumpThrough({ n, total }) {
  const el = document.querySelector('[data-testid="results-scroller"]');
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const visible = () => {
    const box = el.getBoundingClientRect();
    return [...el.querySelectorAll('[data-row]')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.bottom > box.top + 1 && r.top < box.bottom - 1;
    });
  };
  const rowHeight = el.querySelector('[data-row]').getBoundingClientRect().height;
  const out = [];
  window.__bench.jumpsFrom = performance.now();
  for (let i = 0; i < n; i += 1) {
    await nextFrame();
    await nextFrame();
    const max = el.scrollHeight - el.clientHeight;
    const target = Math.round((max * i) / (n - 1));
    const scale = (total * rowHeight - el.clientHeight) / Math.max(1, max);
    const expected = Math.min(total - 1, Math.floor((target * scale) / rowHeight));
    const started = performance.now();
    el.scrollTop = target;
    const shown = await new Promise((resolve) => {
      const check = () => {
        const rows = visible();
        const indices = rows.map((r) => Number(r.dataset.row));
        const here = indices.some((k) => Math.abs(k - expected) <= 1);
        const loaded = rows.length > 0 && rows.every((r) => r.dataset.loaded === 'true');
        const now = performance.now();
        if (here && loaded) resolve({ ms: now - started, first: indices[0], last: indices.at(-1) });
        else if (now - started > 15_000) resolve({ ms: null, first: indices[0], timedOut: true });
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    const calls = window.__bench.calls.filter(
      (c) => c.method === 'getResults' && c.sentAt >= started,
    );
    out.push({
      target,
      expected,
      ...shown,
      requests: calls.length,
      firstSent: calls.length ? calls[0].sentAt - started : null,
      lastAnswered: calls.length
        ? Math.max(...calls.map((c) => (c.answeredAt ?? NaN) - started))
        : null,
      roundTrips: calls.map((c) => (c.answeredAt ?? NaN) - c.sentAt),
      offsets: calls.map((c) => c.offset),
    });
  }
  const lastRow = el.querySelector(`[data-row="${total - 1}"]`);
  const cells = lastRow
    ? [...lastRow.querySelectorAll('[role="cell"]')].map((c) => c.textContent)
    : null;
  return {
    jumps: out,
    lastCells: cells,
    lastLoaded: lastRow?.dataset.loaded ?? null,
    startedAt: out.length ? window.__bench.jumpsFrom : null,
  };
}

async function benchScroll() {
  const file = path.join(dir, 'million.db');
  const history = buildHistory('scripts/bench/ui-history.mts', file);
  console.log(
    `history built through the writer: ${thousands(history.rows)} results in one scan in ` +
      `${fmt(history.buildMs / 1000, 1)} s; last in the default order: ${history.last.host} port ${history.last.port}`,
  );
  console.log(
    `the store alone, one explorer page (200 rows, every state) at offset: ` +
      Object.entries(history.pageMs)
        .map(([offset, ms]) => `${thousands(Number(offset))} ${fmt(ms)} ms`)
        .join(', ') +
      ' (median of 5; SQLite skips the rows before an OFFSET one by one)',
  );
  const serve = await startHost(
    serveArgs(file, profile ? path.join(dir, 'cpu-scroll') : undefined),
    { cwd: root },
  );
  try {
    const { context, page } = await newPage({ watchCalls: true });
    const refused = await loopbackOnly(context);
    await page.goto(serve.url);
    await page.getByTestId('app-version').waitFor();
    await page.getByRole('button', { name: new RegExp(history.name) }).click();
    await page.getByRole('tab', { name: 'Results' }).click();
    await page.getByLabel('Query').fill('open closed filtered error');
    const opened = Date.now();
    await page.getByTestId('results-total').filter({ hasText: '1,000,000 results' }).waitFor();
    await page.locator('[data-row="0"][data-loaded="true"]').waitFor();
    console.log(
      `all states chosen: first rows shown ${Date.now() - opened} ms after typing the query (includes its 250 ms debounce)`,
    );
    const stopProfile = profile ? await startPageProfile(context, page) : null;
    const r = await page.evaluate(jumpThrough, { n: jumps, total: history.total });
    const longTasks = await page.evaluate(
      (from) => window.__bench.longTasks.filter((t) => t.start >= from),
      r.startedAt,
    );
    const pageProfile = stopProfile ? await stopProfile() : null;
    await context.close();
    if (refused.length > 0) throw new Error(`the page asked for ${refused.join(', ')}`);
    const times = r.jumps.map((j) => j.ms).filter((ms) => ms !== null);
    const timedOut = r.jumps.filter((j) => j.ms === null).length;
    for (const j of r.jumps) {
      console.log(
        `  scrollTop ${thousands(j.target)} -> row ${thousands(j.expected)}: ` +
          (j.ms === null ? 'not shown within 15 s' : `${fmt(j.ms)} ms`) +
          ` (visible rows ${j.first}-${j.last}); ${j.requests} getResults ` +
          (j.requests
            ? `(offsets ${j.offsets.map(thousands).join(', ')}): first sent +${fmt(j.firstSent)} ms, ` +
              `round trips ${j.roundTrips.map((x) => fmt(x)).join(', ')} ms, last answer +${fmt(j.lastAnswered)} ms`
            : ''),
      );
    }
    const rt = r.jumps.flatMap((j) => j.roundTrips);
    if (rt.length) {
      console.log(
        `getResults round trips (page -> host -> page) during the jumps: median ${fmt(median(rt))} ms, ` +
          `max ${fmt(Math.max(...rt))} ms, ${rt.length} calls; shown after the last answer: median ` +
          `${fmt(median(r.jumps.filter((j) => j.requests && j.ms !== null).map((j) => j.ms - j.lastAnswered)))} ms`,
      );
    }
    const over = times.filter((ms) => ms > 100).length + timedOut;
    console.log(
      `${r.jumps.length} jumps from the first to the last row: median **${fmt(median(times))} ms**, ` +
        `p95 ${fmt(percentile(times, 95))} ms, max **${fmt(Math.max(...times))} ms**; over 100 ms: ` +
        `**${over}** (target: every page <= 100 ms); long tasks during the jumps: ${longTasks.length}` +
        (longTasks.length
          ? ` (longest ${fmt(Math.max(...longTasks.map((t) => t.duration)))} ms)`
          : ''),
    );
    const endRow = r.jumps.at(-1);
    const lastOk =
      r.lastLoaded === 'true' &&
      r.lastCells?.[0] === history.last.host &&
      r.lastCells?.[2] === String(history.last.port);
    console.log(
      `last row reached: data-row ${thousands(endRow.last)}, ` +
        (r.lastCells ? `shows ${r.lastCells.slice(0, 5).join(' | ')}` : 'not in the DOM') +
        ` -> ${lastOk ? 'the last result (as the store reads it)' : 'NOT the last result'}`,
    );
    if (pageProfile) {
      keep('page-scroll', pageProfile);
      console.log('  page CPU profile during the jumps, self time:');
      for (const line of summariseProfile(pageProfile, 14, { mapFor, groups: COMPONENTS }))
        console.log(`    ${line}`);
    }
  } finally {
    await serve.stop();
  }
  if (profile) mainProfile(path.join(dir, 'cpu-scroll'), 'host main thread during the scroll');
}

// ---------------------------------------------------------------------------------------------

/** Which build is measured: the renderer's scripts and main's chunks (their names carry hashes). */
function buildIdentity() {
  const scripts = readdirSync(path.join(rendererDir, 'assets')).filter((f) => f.endsWith('.js'));
  const chunks = path.join(path.dirname(cli), 'chunks');
  const main = existsSync(chunks) ? readdirSync(chunks).sort().join(' ') : '';
  const hash = createHash('sha1').update(main).digest('hex').slice(0, 8);
  return `renderer ${scripts.join(', ')}, main chunks ${hash} (${path.relative(root, cli) || cli})`;
}

async function main() {
  const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout.trim();
  const changed = git('status', '--short', '--', 'src').split('\n').filter(Boolean).length;
  console.log(
    `# window benchmark (${new Date().toISOString()}, HEAD ${git('rev-parse', '--short', 'HEAD')}` +
      `${changed ? ` + ${changed} uncommitted files under src/` : ''})`,
  );
  console.log(`machine: ${describeMachine()}`);
  const build = buildIdentity();
  console.log(`build: ${build}`);
  const executablePath = chromiumPath();
  browser = await chromium.launch({
    headless: true,
    args: CHROMIUM_ARGS,
    ...(executablePath ? { executablePath } : {}),
  });
  console.log(
    `browser: ${executablePath ?? "Playwright's Chromium"} ${browser.version()}, headless, ` +
      `viewport ${VIEWPORT.width}x${VIEWPORT.height}`,
  );

  if (only.includes('paint')) {
    const size = bundleSize();
    console.log(`\n## renderer JavaScript (${size.files.join(', ')})`);
    console.log(`${thousands(size.bytes)} bytes, gzip -9 ${thousands(size.gzip)} bytes`);
    const fresh = await startHost(serveArgs(path.join(dir, 'paint.db')), { cwd: root });
    try {
      console.log(
        `\n## first paint of the window (fresh browser context each load, empty history)`,
      );
      await firstPaint(fresh.url);
    } finally {
      await fresh.stop();
    }
  }
  if (only.includes('frames')) {
    console.log(
      `\n## frames during a 65,535-port scan of 127.0.0.1 started from the form (${runs} runs)`,
    );
    await benchFrames();
  }
  if (only.includes('scroll')) {
    console.log(
      `\n## explorer: 1,000,000 stored results, ${jumps} jumps from the first row to the last`,
    );
    await benchScroll();
  }
  if (buildIdentity() !== build) {
    console.log(`\nWARNING: the build changed during the run (now ${buildIdentity()})`);
  }
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
