// Benchmarks of the history side of issue 11: the history list over 10,000 scans (pages, search,
// status, the total), a target's timeline, and "what changed" between two big scans.
// Run: node --import tsx scripts/bench/history.ts
// Every scan is written through the real store (createScan + the result writer + finishScan), as
// a scan writes it. Figures are medians within this run; the machine is shared, compare ratios.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PortResult, ScanId, ScanStatus } from '../../src/shared/domain';
import { ScanListQuerySchema, type ScanListQueryInput } from '../../src/shared/history';
import { serviceName } from '../../src/shared/ports';
import { CliScanRequestSchema } from '../../src/shared/scan-request';
import { openDatabase, type HistoryDb } from '../../src/main/store/database';
import { scanListSql } from '../../src/main/store/scan-list';
import { createResultWriter } from '../../src/main/store/writer';
import { nextTurn, timeIt } from './bench-scan';

const HISTORY_SCANS = 10_000;
const HOUR = 3_600_000;
const START = Date.UTC(2025, 0, 1);

const dir = mkdtempSync(join(tmpdir(), 'porthole-bench-history-'));
const fmt = (n: number, digits = 2): string => n.toFixed(digits);

interface ScanPlan {
  targets: string;
  ports: string;
  name?: string;
  status: ScanStatus;
  startedAt: number;
  results: PortResult[];
}

/** One scan's writing as a session does it: create, batches through the writer, finish. */
async function writeScan(db: HistoryDb, plan: ScanPlan, batch = 256): Promise<ScanId> {
  // The command line's bound: -iL lists go past the window's 64 KiB.
  const request = CliScanRequestSchema.parse({ targets: plan.targets, ports: plan.ports });
  const id = db.createScan(request, { name: plan.name, startedAt: plan.startedAt });
  const writer = createResultWriter(db, id);
  for (let i = 0; i < plan.results.length; i += batch) {
    writer.write(plan.results.slice(i, i + batch));
    await nextTurn();
  }
  await writer.close();
  await writer.completion;
  db.finishScan(id, { status: plan.status, endedAt: plan.startedAt + 60_000 });
  return id;
}

/** A plausible port outcome: mostly closed, 1 in 200 open with a banner, 1 in 50 filtered. */
function outcome(host: string, port: number, flipped = false): PortResult {
  let open = port % 200 === 0;
  // A few ports change between two scans of the same host: opened, closed, banner changed.
  if (flipped && (port === 8081 || port === 1000 || port === 31_337)) open = !open;
  const filtered = !open && port % 50 === 0;
  const banner = flipped && port === 400 ? 'nginx/1.27.0' : `bench/${port}`;
  return {
    host,
    hostname: null,
    port,
    protocol: 'tcp',
    state: open ? 'open' : filtered ? 'filtered' : 'closed',
    reason: open ? 'syn-ack' : filtered ? 'no-response' : 'conn-refused',
    rttUs: filtered ? null : 50 + (port % 400),
    // As the engine writes them: every port carries its IANA name.
    service: open ? 'http' : serviceName(port),
    banner: open ? banner : null,
    scannedAt: START,
  };
}

const portsOf = (host: string, from: number, to: number, flipped = false): PortResult[] =>
  Array.from({ length: to - from + 1 }, (_, i) => outcome(host, from + i, flipped));

const addressList = (n: number, second: number): string =>
  Array.from({ length: n }, (_, k) => `10.${second}.${k >> 8}.${k & 255}`).join(', ');

/**
 * The i-th scan of a year-long history: a quarter are the same /24 (typed two ways, so its
 * timeline is cut to the latest points), 1 in 100 a list of 400 addresses (its request and targets
 * overflow SQLite's page) and one of 50,000 as `-iL` gives, the rest subnets and named hosts, some repeated. Every
 * fifth is named; a few ended early.
 */
function historyPlan(i: number): ScanPlan {
  let targets: string;
  // One `-iL` of 50,000 addresses (about 700 KB of text), on the first page of the list.
  if (i === HISTORY_SCANS - 10) targets = addressList(50_000, 20);
  else if (i % 4 === 0) targets = i % 8 === 0 ? '10.0.0.0/24, gw.lab' : 'GW.lab 10.0.0.0/24';
  else if (i % 100 === 1) {
    targets = addressList(400, 8 + (i % 8));
  } else if (i % 2 === 1) targets = `10.${1 + ((i >> 8) & 127)}.${i & 255}.0/28`;
  else targets = `host-${i % 700}.lab`;
  const status: ScanStatus =
    i % 50 === 7
      ? 'cancelled'
      : i % 97 === 3
        ? 'failed'
        : i % 211 === 5
          ? 'interrupted'
          : 'completed';
  const host = `10.200.${(i >> 8) & 255}.${i & 255}`;
  return {
    targets,
    ports: '1-1024',
    name: i % 5 === 0 ? `nightly ${['lab', 'dmz', 'office'][i % 3]} sweep` : undefined,
    status,
    startedAt: START + i * HOUR,
    results: portsOf(host, 1, 32),
  };
}

async function buildHistory(db: HistoryDb): Promise<{ ms: number; ids: ScanId[] }> {
  const t = performance.now();
  const ids: ScanId[] = [];
  for (let i = 0; i < HISTORY_SCANS; i++) ids.push(await writeScan(db, historyPlan(i)));
  db.checkpoint();
  return { ms: performance.now() - t, ids };
}

/** getTimeline and renameScan on the same history (ids[i] is historyPlan(i)). */
async function benchTimeline(db: HistoryDb, ids: ScanId[]): Promise<void> {
  console.log('\n## timeline: getTimeline (index range counts + at most 200 rows)');
  const cases: [string, ScanId][] = [
    [
      'the /24 scanned 2,500 times, its latest scan (cut to the latest 200)',
      ids[HISTORY_SCANS - 4]!,
    ],
    ['the same, its 3rd scan (window slid back to it)', ids[8]!],
    ['host-6.lab (15 scans)', ids[6]!],
    ['the 50,000-address -iL scan (a 700 KB key)', ids[HISTORY_SCANS - 10]!],
  ];
  for (const [label, id] of cases) {
    const timeline = db.getTimeline(id);
    const ms = await timeIt(() => db.getTimeline(id), 21);
    console.log(
      `${label}: ${fmt(ms)} ms (median of 21); ${timeline.points.length} points of ${timeline.total}`,
    );
  }
  const id = ids[HISTORY_SCANS - 1]!;
  let n = 0;
  const ms = await timeIt(() => db.renameScan(id, `renamed ${n++}`), 21);
  console.log(`renameScan: ${fmt(ms)} ms (median of 21)`);
}

async function benchList(db: HistoryDb): Promise<void> {
  const cases: [string, ScanListQueryInput][] = [
    ['first page, no filter', {}],
    ['page at offset 9,000', { offset: 9_000 }],
    ['search "lab" (many match), first page', { text: 'lab' }],
    ['search "lab", page at offset 5,000', { text: 'lab', offset: 5_000 }],
    ['search "dmz sweep" (names only), first page', { text: 'dmz sweep' }],
    ['search "10.9.1.7" (inside long lists), first page', { text: '10.9.1.7' }],
    ['search "nothing-matches", first page', { text: 'nothing-matches' }],
    ['status completed, first page', { status: 'completed' }],
    ['status failed (rare), first page', { status: 'failed' }],
    ['status [cancelled, interrupted], first page', { status: ['cancelled', 'interrupted'] }],
    [
      'status [completed, cancelled], page at offset 9,000',
      { status: ['completed', 'cancelled'], offset: 9_000 },
    ],
    [
      'search "lab" + status [failed, cancelled], first page',
      { text: 'lab', status: ['failed', 'cancelled'] },
    ],
    ['one month (from/to), first page', { from: START + 4_000 * HOUR, to: START + 4_720 * HOUR }],
  ];
  console.log(
    `\n## history list: listScans over ${HISTORY_SCANS.toLocaleString('en')} scans (page of 50, total counted)`,
  );
  for (const [label, query] of cases) {
    const full = { limit: 50, ...query };
    const page = db.listScans(full);
    const ms = await timeIt(() => db.listScans(full), 21);
    const sql = scanListSql(ScanListQuerySchema.parse(full));
    const countMs = await timeIt(
      () => db.sqlite.prepare(sql.count.text).get(...sql.count.params),
      21,
    );
    console.log(
      `${label}: ${fmt(ms)} ms (total ${page.total}, count alone ${fmt(countMs)} ms; median of 21)`,
    );
  }
  console.log('\nquery plans (EXPLAIN QUERY PLAN):');
  for (const [label, query] of cases) {
    const sql = scanListSql(ScanListQuerySchema.parse({ limit: 50, ...query }));
    for (const [which, stmt] of [
      ['page', sql.page],
      ['count', sql.count],
    ] as const) {
      const plan = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${stmt.text}`).all(...stmt.params) as {
        detail: string;
      }[];
      console.log(`  ${label} [${which}]: ${plan.map((p) => p.detail).join('; ')}`);
    }
  }
}

/** Two scans of the same targets; the later one has a few ports changed. */
async function pair(
  db: HistoryDb,
  targets: string,
  hosts: string[],
  ports: number,
  earlierCutAt: number | null,
): Promise<ScanId> {
  const at = START + HISTORY_SCANS * HOUR;
  const earlier = hosts.flatMap((h) => portsOf(h, 1, ports));
  await writeScan(db, {
    targets,
    ports: `1-${ports}`,
    status: earlierCutAt === null ? 'completed' : 'cancelled',
    startedAt: at,
    results: earlierCutAt === null ? earlier : earlier.slice(0, earlierCutAt),
  });
  return writeScan(db, {
    targets,
    ports: `1-${ports}`,
    status: 'completed',
    startedAt: at + HOUR,
    results: hosts.flatMap((h, i) => portsOf(h, 1, ports, i % 5 === 0)),
  });
}

async function benchDiff(db: HistoryDb): Promise<void> {
  const sixteen = Array.from({ length: 16 }, (_, i) => `10.100.0.${i + 1}`);
  const cases: [string, () => Promise<ScanId>][] = [
    ['1 host x 65,535 ports', () => pair(db, '10.99.0.1', ['10.99.0.1'], 65_535, null)],
    ['16 hosts x 4,096 ports', () => pair(db, '10.100.0.1-16', sixteen, 4_096, null)],
    [
      '1 host x 65,535 ports, the earlier one cancelled at 40,000',
      () => pair(db, '10.99.0.2', ['10.99.0.2'], 65_535, 40_000),
    ],
  ];
  console.log('\n## "what changed": diffWithPrevious between two scans of the same targets');
  for (const [label, build] of cases) {
    const later = await build();
    db.checkpoint();
    const diff = db.diffWithPrevious(later)!;
    const ms = await timeIt(() => db.diffWithPrevious(later), 9);
    const kinds = diff.changes.map((c) => c.changed.join('+')).join(', ');
    console.log(
      `${label}: ${fmt(ms, 1)} ms (median of 9); ${diff.changes.length} changes (${kinds}), partial [${diff.partial.join(', ')}]`,
    );
  }
}

async function main(): Promise<void> {
  const file = join(dir, 'history.db');
  const db = openDatabase(file);
  try {
    console.log(`# history benchmark (${new Date().toISOString()}, Node ${process.version})`);
    const { ms: buildMs, ids } = await buildHistory(db);
    console.log(
      `${HISTORY_SCANS.toLocaleString('en')} scans written through the store in ${fmt(buildMs / 1000, 1)} s; file ${fmt(statSync(file).size / 1e6, 1)} MB`,
    );
    await benchList(db);
    await benchTimeline(db, ids);
    await benchDiff(db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
