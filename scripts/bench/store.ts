// Benchmarks of the history store: the writer's cost per 65,535 results, the first page of a
// 1,000,000-result scan, the explorer's views of it, and streaming export of it.
// Run: node --import tsx scripts/bench/store.ts
// Figures are medians within this run; the machine is shared, so compare ratios, not memories.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { PortResult, ScanId } from '../../src/shared/domain';
import type { ResultFilterInput, ResultSortInput } from '../../src/shared/history';
import { serviceName } from '../../src/shared/ports';
import { parseResultQuery } from '../../src/shared/result-query';
import { openDatabase, type HistoryDb } from '../../src/main/store/database';
import { median, nextTurn, outcome, timeIt, writeBenchScan } from './bench-scan';

const dir = mkdtempSync(join(tmpdir(), 'porthole-bench-store-'));
const fmt = (n: number, digits = 1): string => n.toFixed(digits);

/** The writer as a scan uses it (bench-scan.ts), on 1..ports of every host. */
const writeScan = (db: HistoryDb, hosts: string[], ports: number, targets = hosts.join(',')) =>
  writeBenchScan(db, { hosts, ports, targets });

/** The same arrival pattern kept in memory: the baseline the writer's cost is compared with. */
async function memoryScan(hosts: string[], ports: number): Promise<number> {
  const kept: PortResult[] = [];
  const started = performance.now();
  const now = Date.now();
  for (const host of hosts) {
    for (let port = 1; port <= ports; port += 256) {
      for (let p = port; p < port + 256 && p <= ports; p++) kept.push(outcome(host, p, now));
      await nextTurn();
    }
  }
  return performance.now() - started;
}

async function benchWriter(): Promise<void> {
  const db = openDatabase(join(dir, 'writer.db'));
  const costs: number[] = [];
  const maxes: number[] = [];
  const walls: number[] = [];
  const memory: number[] = [];
  for (let run = 0; run < 7; run++) {
    memory.push(await memoryScan(['127.0.0.1'], 65_535));
    const { summary, writeCallMs, wallMs } = await writeScan(db, ['127.0.0.1'], 65_535);
    costs.push(summary.totalTransactionMs + writeCallMs);
    maxes.push(summary.maxTransactionMs);
    walls.push(wallMs);
  }
  const checkpointMs = db.checkpoint();
  db.close();
  const cost = median(costs);
  console.log('## writer: 65,535 results per scan, batches of 256 on separate turns (7 runs)');
  console.log(
    `writer cost (transactions + write calls), median: ${fmt(cost)} ms = ${fmt((cost * 1000) / 65_535, 2)} µs/row`,
  );
  console.log(
    `longest single transaction, median of runs: ${fmt(median(maxes), 2)} ms; worst: ${fmt(Math.max(...maxes), 2)} ms`,
  );
  console.log(
    `arrival loop wall time: in memory ${fmt(median(memory))} ms, with writer ${fmt(median(walls))} ms`,
  );
  console.log(
    `writer cost vs nmap -sT's 1.54 s for 65,535 ports: ${fmt((cost / 1540) * 100, 2)} %`,
  );
  console.log(
    `a WAL checkpoint after 7 scans (run between scans, not in a commit): ${fmt(checkpointMs)} ms`,
  );
}

async function benchMillion(): Promise<void> {
  const file = join(dir, 'million.db');
  const db = openDatabase(file);
  const hosts = Array.from({ length: 16 }, (_, i) => `10.0.${i}.${(i * 37) % 250}`);
  const t = performance.now();
  const { summary } = await writeScan(db, hosts, 62_500);
  const buildMs = performance.now() - t;
  const id = db.listScans({ limit: 1 }).scans[0]!.id as ScanId;
  db.checkpoint();
  console.log('\n## 1,000,000 results in one scan (16 hosts x 62,500 ports)');
  console.log(
    `written through the writer in ${fmt(buildMs / 1000, 2)} s (${fmt(summary.rows / (buildMs / 1000) / 1000, 0)}k rows/s, longest transaction ${fmt(summary.maxTransactionMs, 2)} ms); file ${fmt(statSync(file).size / 1e6, 0)} MB`,
  );
  const page = (filter: ResultFilterInput, sort?: ResultSortInput) => () =>
    db.getResults(id, filter, sort, { offset: 0, limit: 100 });
  const cases: [string, ResultFilterInput, ResultSortInput?][] = [
    ['first page, default sort (host, port)', {}],
    ['first page, state = open', { state: 'open' }],
    ['first page, state = filtered', { state: 'filtered' }],
    ['first page, state = closed', { state: 'closed' }],
    [`first page, host = ${hosts[7]}`, { host: hosts[7] }],
    ['first page, port 8000-8100', { port: { from: 8000, to: 8100 } }],
    ['first page, default sort descending', {}, { column: 'host', direction: 'desc' }],
    ['first page, sort by port (no index: top-N sort)', {}, { column: 'port' }],
    [
      'first page, sort by rtt desc (no index: top-N sort)',
      {},
      { column: 'rtt', direction: 'desc' },
    ],
    ['first page, free text "bench/6" (LIKE scan)', { text: 'bench/6' }],
  ];
  for (const [label, filter, sort] of cases) {
    const runs = label.includes('no index') || label.includes('LIKE') ? 5 : 21;
    console.log(
      `${label}: ${fmt(await timeIt(page(filter, sort), runs), 2)} ms (median of ${runs})`,
    );
  }
  // The explorer: results read through the query language, then the grouped views.
  for (const query of [
    'open service:http*',
    'host:10.0.0.0/24',
    'host:10.0.0.0/22 open filtered',
    'port:22,80,443,8000-8100',
    'banner:bench/6',
  ]) {
    const filter = parseResultQuery(query);
    const runs = query.startsWith('banner') ? 5 : 21;
    console.log(
      `first page, query "${query}": ${fmt(await timeIt(page(filter), runs), 2)} ms (median of ${runs})`,
    );
  }
  await benchExplorer(db, id);

  const deep = await timeIt(
    () => db.getResults(id, {}, undefined, { offset: 500_000, limit: 100 }),
    5,
  );
  console.log(`page at offset 500,000, default sort: ${fmt(deep, 1)} ms (median of 5)`);

  for (const format of ['csv', 'json', 'ndjson'] as const) {
    const out = join(dir, `export.${format}`);
    if (global.gc) global.gc();
    const rssBefore = process.memoryUsage().rss;
    let rssMax = rssBefore;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 5);
    const stream = createWriteStream(out);
    const started = performance.now();
    const { rows } = await db.exportScan(id, format, stream);
    await new Promise<void>((resolve, reject) =>
      stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
    console.log(
      `export ${format}: ${rows} rows in ${fmt(seconds, 2)} s = ${fmt(rows / seconds / 1000, 0)}k rows/s, ${fmt(statSync(out).size / 1e6, 0)} MB, RSS growth ${fmt((rssMax - rssBefore) / 1e6, 1)} MB`,
    );
    rmSync(out);
  }
  await benchServicesIana(db, id);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const del = performance.now();
  await db.deleteScan(id);
  const deleteMs = performance.now() - del;
  loop.disable();
  console.log(
    `delete the 1,000,000-result scan (small transactions): ${fmt(deleteMs, 0)} ms, ` +
      `event loop held at most ${fmt(loop.max / 1e6, 1)} ms`,
  );
  db.close();
}

/** An async call's median time (getServices yields between chunks). */
async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

/** The results explorer's views on the 1,000,000-result scan (16 hosts of 62,500 ports). */
async function benchExplorer(db: HistoryDb, id: ScanId): Promise<void> {
  const hosts = (filter: ResultFilterInput) => () =>
    db.getHosts({ scanId: id, filter, page: { offset: 0, limit: 100 } });
  console.log(
    `getHosts first page, no filter: ${fmt(await timeIt(hosts({}), 21), 2)} ms (median of 21)`,
  );
  console.log(
    `getHosts first page, open: ${fmt(await timeIt(hosts({ state: 'open' }), 21), 2)} ms (median of 21)`,
  );
  console.log(
    `getHosts first page, "service:http*" (each host's matches counted): ${fmt(await timeIt(hosts(parseResultQuery('service:http*')), 5), 1)} ms (median of 5)`,
  );
  const map = () => db.getPortMap({ scanId: id, page: { offset: 0, limit: 64 } });
  console.log(
    `getPortMap first page (64 hosts): ${fmt(await timeIt(map, 21), 2)} ms (median of 21)`,
  );
  const services = (filter: ResultFilterInput) => () => db.getServices({ scanId: id, filter });
  console.log(
    `getServices, open: ${fmt(await timeAsync(services({ state: 'open' }), 21), 2)} ms (median of 21)`,
  );
  console.log(
    `getServices, no filter (every row read): ${fmt(await timeAsync(services({}), 5), 0)} ms (median of 5)`,
  );
}

/** getServices when, as the engine writes them, every port has its IANA name (5,889 names). */
async function benchServicesIana(db: HistoryDb, id: ScanId): Promise<void> {
  db.sqlite.function('iana', { deterministic: true }, (port) => serviceName(Number(port)));
  const named = performance.now();
  db.sqlite.prepare(`UPDATE results SET service = iana(port) WHERE scan_id = ?`).run(id);
  const namedMs = performance.now() - named;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const ms = await timeAsync(() => db.getServices({ scanId: id }), 5);
  loop.disable();
  console.log(
    `getServices, no filter, IANA names on every port (named in ${fmt(namedMs / 1000, 1)} s): ` +
      `${fmt(ms, 0)} ms (median of 5), event loop held at most ${fmt(loop.max / 1e6, 1)} ms`,
  );
}

/** The explorer on the other shape of a big scan: 65,536 hosts of 15 ports (983,040 results). */
async function benchManyHosts(): Promise<void> {
  const db = openDatabase(join(dir, 'hosts.db'));
  const hosts = Array.from({ length: 65_536 }, (_, i) => `10.2.${i >> 8}.${i & 255}`);
  const t = performance.now();
  await writeScan(db, hosts, 15, '10.2.0.0/16');
  const buildMs = performance.now() - t;
  const id = db.listScans({ limit: 1 }).scans[0]!.id as ScanId;
  db.checkpoint();
  console.log(`\n## 65,536 hosts x 15 ports in one scan (written in ${fmt(buildMs / 1000, 1)} s)`);
  const cases: [string, () => unknown, number][] = [
    ['getResults first page, no filter', () => db.getResults(id), 21],
    [
      'getResults first page, "host:10.2.128.0/24"',
      () => db.getResults(id, { host: '10.2.128.0/24' }),
      21,
    ],
    [
      'getResults first page, "host:10.2.*.7" (pattern: every host read)',
      () => db.getResults(id, { host: '10.2.*.7' }),
      5,
    ],
    [
      'getResults first page, "port:22,80" (two seeks per host, total counted)',
      () => db.getResults(id, { port: [22, 80] }),
      5,
    ],
    ['getHosts first page (100 hosts), no filter', () => db.getHosts({ scanId: id }), 21],
    ['getHosts at offset 60,000', () => db.getHosts({ scanId: id, page: { offset: 60_000 } }), 21],
    ['getPortMap first page (64 hosts)', () => db.getPortMap({ scanId: id }), 21],
    [
      'getPortMap page of 256 hosts at offset 65,280',
      () => db.getPortMap({ scanId: id, page: { offset: 65_280, limit: 256 } }),
      21,
    ],
  ];
  for (const [label, fn, runs] of cases) {
    console.log(`${label}: ${fmt(await timeIt(fn, runs), 2)} ms (median of ${runs})`);
  }
  const services = await timeAsync(() => db.getServices({ scanId: id }), 5);
  console.log(`getServices, no filter (every row read): ${fmt(services, 0)} ms (median of 5)`);
  db.close();
}

async function main(): Promise<void> {
  try {
    console.log(`# store benchmark (${new Date().toISOString()}, Node ${process.version})`);
    await benchWriter();
    await benchMillion();
    await benchManyHosts();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
