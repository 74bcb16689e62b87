#!/usr/bin/env node
// The window's export benchmark (issue 11): 1,000,000 rows downloaded through the browser host's
// export path, as a page does it: `exportScan` over the WebSocket, then a GET of the single-use
// address it answers. The host runs in a process of its own (export-window-host.mts, the wiring of
// `porthole serve`) and reports its memory (RSS and heap: before, peak, after) and its event-loop
// delay during the download; this process reads the download (counting bytes, as a browser would
// write them) and meanwhile times getAppInfo calls over the WebSocket every 25 ms.
// Targets: >= 300,000 rows/s; memory growth < 100 MB; the host stays responsive. Loopback only.
// Run: node scripts/bench/export-window.mjs [--runs 3] [--formats csv,json,ndjson]
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startHost } from '../host-process.mjs';
import { buildHistory, describeMachine, median, option, root } from './lib.mjs';

const runs = Number(option('runs', '3'));
const formats = option('formats', 'csv,json,ndjson').split(',');
const dir = mkdtempSync(path.join(tmpdir(), 'porthole-bench-export-window-'));
const db = path.join(dir, 'history.db');
const MB = 1e6;
const fmt = (n, digits = 1) => n.toFixed(digits);

/** The host process, its address, and a way to send it a command and read its answer. */
async function startMeasuredHost() {
  const waiting = [];
  const host = await startHost(
    ['--expose-gc', '--import', 'tsx', path.join(root, 'scripts/bench/export-window-host.mts'), db],
    {
      cwd: root,
      stdin: 'pipe',
      addressLine: /^url (\S+)$/,
      onLine: (line) => waiting.shift()?.(JSON.parse(line)),
    },
  );
  return {
    url: host.url,
    command: (name) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        host.child.stdin.write(`${name}\n`);
      }),
    stop: host.stop,
  };
}

/** The page's WebSocket: calls by id, each with its round-trip time. */
async function connect(hostUrl) {
  const url = new URL(hostUrl);
  const token = url.hash.replace('#token=', '');
  const ws = new WebSocket(`ws://${url.host}/rpc?token=${token}`, {
    headers: { Origin: `http://${url.host}` },
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const pending = new Map();
  let nextId = 1;
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type !== 'result') return;
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  return {
    host: url.host,
    token,
    call(method, input) {
      const id = nextId++;
      const started = performance.now();
      return new Promise((resolve, reject) => {
        pending.set(id, (result) =>
          result.ok
            ? resolve({ value: result.value, ms: performance.now() - started })
            : reject(new Error(result.error.message)),
        );
        ws.send(JSON.stringify({ type: 'call', id, method, input }));
      });
    },
    close: () => ws.close(),
  };
}

/** getAppInfo every 25 ms until stopped: what a page's other calls see meanwhile. */
function probeLatency(page) {
  const times = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      times.push((await page.call('getAppInfo')).ms);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return times;
  };
}

/**
 * Downloads `path` from the host as the page does (a form POST carrying the launch token),
 * counting bytes; resolves with the time to the last byte.
 */
function download(host, path, token) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const body = `token=${encodeURIComponent(token)}`;
    const req = request(
      `http://${host}${path}`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
          Origin: `http://${host}`,
        },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`download answered ${res.statusCode}`));
        let bytes = 0;
        res.on('data', (chunk) => (bytes += chunk.length));
        res.on('end', () => resolve({ bytes, ms: performance.now() - started }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main() {
  console.log(`machine: ${describeMachine()}`);
  const history = buildHistory('scripts/bench/export-window-history.mts', db);
  console.log(
    `history: scan ${history.scanId}, ${history.rows} results written through the writer in ` +
      `${fmt(history.buildMs / 1000, 2)} s; file ${fmt(history.fileBytes / MB, 0)} MB`,
  );
  const host = await startMeasuredHost();
  const page = await connect(host.url);
  try {
    const baseline = await host.command('memory');
    console.log(
      `host at start (after a collection): RSS ${fmt(baseline.rss / MB)} MB, heap ${fmt(baseline.heapUsed / MB)} MB`,
    );
    const idle = [];
    for (let i = 0; i < 40; i++) {
      idle.push((await page.call('getAppInfo')).ms);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    console.log(
      `getAppInfo over the WebSocket, idle: p50 ${fmt(percentile(idle, 50), 2)} ms, ` +
        `p99 ${fmt(percentile(idle, 99), 2)} ms (40 calls)\n`,
    );
    for (const format of formats) {
      const samples = [];
      const floors = [];
      for (let run = 0; run < runs; run++) {
        // Alternated with each download, so both see the machine's load of the same minute.
        const floor = await host.command(`floor ${format} ${history.scanId}`);
        floors.push(floor.rows / (floor.ms / 1000));
        const { value: outcome } = await page.call('exportScan', {
          scanId: history.scanId,
          format,
        });
        await host.command('begin');
        const stopProbe = probeLatency(page);
        const got = await download(page.host, outcome.url, page.token);
        const calls = await stopProbe();
        const report = await host.command('end');
        const rows = report.streamed[0]?.rows ?? 0;
        const sample = {
          rowsPerSecond: rows / (got.ms / 1000),
          bytes: got.bytes,
          rows,
          seconds: got.ms / 1000,
          rssGrowth: (report.peak.rss - report.before.rss) / MB,
          heapGrowth: (report.peak.heapUsed - report.before.heapUsed) / MB,
          report,
          calls,
        };
        samples.push(sample);
        console.log(
          `${format} run ${run + 1}: ${rows} rows, ${fmt(got.bytes / MB, 0)} MB in ` +
            `${fmt(sample.seconds, 2)} s = ${fmt(sample.rowsPerSecond / 1000, 0)}k rows/s; ` +
            `RSS ${fmt(report.before.rss / MB)} -> peak ${fmt(report.peak.rss / MB)} -> after ` +
            `${fmt(report.after.rss / MB)} MB (kernel high-water ${fmt(report.maxRssKernel / MB)} MB); ` +
            `heap ${fmt(report.before.heapUsed / MB)} -> ${fmt(report.peak.heapUsed / MB)} -> ` +
            `${fmt(report.after.heapUsed / MB)} MB; event-loop delay p50 ${fmt(report.loop.p50, 2)} / ` +
            `p99 ${fmt(report.loop.p99, 2)} / max ${fmt(report.loop.max, 2)} ms; getAppInfo during: ` +
            `${calls.length} calls, p50 ${fmt(percentile(calls, 50), 2)} / p99 ` +
            `${fmt(percentile(calls, 99), 2)} / max ${fmt(Math.max(...calls), 2)} ms`,
        );
      }
      const floorRate = median(floors);
      console.log(
        `${format}, the same export in the host into a sink that drops the bytes (no HTTP, no ` +
          `reader; the most this machine gives now): ${floors.map((r) => fmt(r / 1000, 0)).join(', ')}k rows/s`,
      );
      const rate = median(samples.map((s) => s.rowsPerSecond));
      const growth = Math.max(...samples.map((s) => s.rssGrowth));
      console.log(
        `${format}: median ${fmt(rate / 1000, 0)}k rows/s (target >= 300k: ${rate >= 300_000 ? 'met' : 'NOT met'}; ` +
          `${fmt((100 * rate) / floorRate, 0)}% of the in-process export's median); ` +
          `largest RSS growth ${fmt(growth)} MB (target < 100 MB: ${growth < 100 ? 'met' : 'NOT met'}); ` +
          `largest heap growth ${fmt(Math.max(...samples.map((s) => s.heapGrowth)))} MB; worst ` +
          `event-loop p99 ${fmt(Math.max(...samples.map((s) => s.report.loop.p99)), 2)} ms, worst ` +
          `getAppInfo max ${fmt(Math.max(...samples.flatMap((s) => s.calls)), 2)} ms\n`,
      );
    }
    const last = await host.command('memory');
    const { maxRssKernel } = await host.command('end');
    console.log(
      `host over the whole benchmark: RSS high-water ${fmt(maxRssKernel / MB)} MB = ` +
        `${fmt((maxRssKernel - baseline.rss) / MB)} MB above its start; at the end (after a ` +
        `collection) RSS ${fmt(last.rss / MB)} MB, heap ${fmt(last.heapUsed / MB)} MB`,
    );
  } finally {
    page.close();
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
