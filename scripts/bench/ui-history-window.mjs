#!/usr/bin/env node
// The window's history benchmark (issue 11), in headless Chromium against the real built browser
// host (`porthole serve`) on a history of 10,000 scans (ui-history-window.mts builds it):
// - the history list: from the click on History until its first rows show, and scrolling it from
//   the first scan to the last (frame times, long tasks);
// - "what changed" for two 65,535-port scans: from the click on the later scan until the card
//   shows its changes.
// A benchmark, not a test: it prints figures. Loopback only.
// Run after `npm run build`: node scripts/bench/ui-history-window.mjs [--runs 7]
/* global window, document, requestAnimationFrame */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium-path.mjs';
import { startHost } from '../host-process.mjs';
import {
  buildHistory,
  cli,
  describeMachine,
  loopbackOnly,
  median,
  option,
  requireBuild,
  root,
} from './lib.mjs';

requireBuild();
const runs = Number(option('runs', '7'));
const dir = mkdtempSync(path.join(tmpdir(), 'porthole-bench-history-'));
const file = path.join(dir, 'history.db');
const fmt = (n) => (n === null || n === undefined ? '–' : n.toFixed(1));
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? null;

/** In the page: long tasks from now on. */
function watchLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: 'longtask' });
}

/** In the page: clicks `selector`, resolves ms until `ready` matches (checked every frame). */
function clickUntil({ click, ready, readyText }) {
  return new Promise((resolve) => {
    const start = performance.now();
    document.querySelector(click).click();
    const check = () => {
      const found = [...document.querySelectorAll(ready)].find(
        (e) => readyText === undefined || e.textContent.includes(readyText),
      );
      if (found) resolve(performance.now() - start);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** In the page: scrolls the history list to its last scan; frame intervals on the way. */
function scrollToEnd({ total }) {
  return new Promise((resolve) => {
    const list = document.querySelector('[data-testid="history-list"]');
    const frames = [];
    const start = performance.now();
    let last = start;
    const step = (now) => {
      frames.push(now - last);
      last = now;
      const rows = [...list.querySelectorAll('[data-scan-id]')];
      const lastId = Math.min(...rows.map((r) => Number(r.dataset.scanId)));
      if (rows.length > 0 && lastId === 1) {
        resolve({ ms: now - start, frames });
        return;
      }
      list.scrollTop += 3000;
      if (now - start > 120_000) resolve({ ms: null, frames, lastId, total });
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}

async function main() {
  console.log(`# history benchmark (${new Date().toISOString()})`);
  console.log(`machine: ${describeMachine()}`);
  const opens = [];
  const cold = [];
  const changes = [];
  let scroll = null;
  let built;
  let host = null;
  let browser = null;
  // Inside the try: a failed build or launch still ends the host and removes the folder.
  try {
    built = buildHistory('scripts/bench/ui-history-window.mts', file);
    console.log(
      `history: ${built.scans.toLocaleString('en-US')} scans; what changed: #${built.earlier} -> #${built.later}, ${built.changes} changes, two scans of 65,535 ports (built in ${built.buildMs} ms)`,
    );
    host = await startHost([cli, 'serve', '--db', file], { cwd: root });
    browser = await chromium.launch({
      ...(chromiumPath() ? { executablePath: chromiumPath() } : {}),
      args: CHROMIUM_ARGS,
    });
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const refused = await loopbackOnly(context);
      const page = await context.newPage();
      await page.goto(host.url);
      await page.getByTestId('app-version').waitFor();
      await page.locator(`[aria-label="Recent scans"] button`).first().waitFor();
      // The window loads its other views while idle after its first paint (about a second here);
      // a person's first click comes later. The first run clicks at once, and is printed apart.
      if (run > 0) await page.waitForTimeout(1500);
      (run === 0 ? cold : opens).push(
        await page.evaluate(clickUntil, {
          click: '.sidebar .nav-button',
          ready: '[data-testid="history-list"] [data-scan-id]',
        }),
      );
      if (run === 0) {
        await page.evaluate(watchLongTasks);
        const result = await page.evaluate(scrollToEnd, { total: built.scans });
        const longTasks = await page.evaluate(() => window.__longTasks);
        scroll = { ...result, longTasks };
      }
      changes.push(
        await page.evaluate(clickUntil, {
          click: '[aria-label="Recent scans"] button',
          ready: '.what-changed .change-row',
        }),
      );
      await context.close();
      if (refused.length > 0) throw new Error(`the page asked for ${refused.join(', ')}`);
    }
  } finally {
    await browser?.close();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `history list opens (click to first rows), ${opens.length} fresh pages, the window settled: median **${fmt(median(opens))} ms** (target <= 200), each ${opens.map(fmt).join(', ')}; clicked at once after the first paint: ${cold.map(fmt).join(', ')} ms`,
  );
  if (scroll) {
    const over = scroll.frames.filter((f) => f > 35).length;
    console.log(
      `history scrolled from the newest to the oldest of ${built.scans.toLocaleString('en-US')} scans: ${fmt(scroll.ms)} ms, ${scroll.frames.length} frames, p95 frame ${fmt(p95(scroll.frames))} ms, max ${fmt(Math.max(...scroll.frames))} ms, ${over} frames over 35 ms; long tasks ${scroll.longTasks.length}, longest ${fmt(Math.max(0, ...scroll.longTasks))} ms`,
    );
  }
  console.log(
    `what changed, two 65,535-port scans (click to the changes shown): median **${fmt(median(changes))} ms** (target <= 300), each ${changes.map(fmt).join(', ')}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
