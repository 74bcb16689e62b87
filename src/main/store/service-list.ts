import { PORT_STATES, type PortState, type ScanId } from '../../shared/domain';
import { PortholeError } from '../../shared/errors';
import {
  SERVICE_SAMPLE,
  SERVICES_SHOWN,
  type ServiceList,
  type ServiceSummary,
} from '../../shared/explorer';
import type { ResultFilter } from '../../shared/history';
import { filterSql, resultsFrom, withRanges } from './result-filter';
import { getScanRow } from './scans';
import { allOf, type Sql } from './sql';
import type { StoreContext } from './statements';

/** Rows handled between two turns of the event loop (a few tens of milliseconds of work). */
const ROWS_PER_CHUNK = 32_768;

type CountRow = [service: string | null, ports: number, hosts: number];
type SampleRow = [
  hostId: number,
  service: string | null,
  port: number,
  state: PortState,
  banner: string | null,
];

interface Group {
  service: string | null;
  ports: number;
  hosts: number;
  sample: ServiceSummary['sample'];
}

/**
 * The matching ports grouped by service name (ASCII case ignored, as the filter does), most ports
 * first. Every matching row is seen once, a few hosts at a time (about ROWS_PER_CHUNK rows) with
 * the event loop free in between, as it is the app's main process: per chunk SQL counts ports and
 * hosts by service (chunks hold whole hosts, so host counts add up), then reads, in host and port
 * order, only the rows of services whose sample is not full yet. Cost: the matching rows (a whole
 * scan unfiltered; only the open ones, through the state index, for `open`).
 */
export async function getServices(
  ctx: StoreContext,
  id: ScanId,
  filter: ResultFilter,
): Promise<ServiceList> {
  if (!getScanRow(ctx, id)) return { services: [], truncated: false };
  const f = filterSql(filter);
  const states: readonly PortState[] = f.states ?? PORT_STATES;
  const hostWhere = allOf([{ text: 'h.scan_id = ?', params: [id] }, f.hosts])!;
  const chunks = chunksOf(ctx, hostWhere, states);
  const names = hostNames(ctx);
  const from = resultsFrom(f, 'CROSS JOIN');
  // Parameters: the ranges (if any), scan, scan, first and last sort key, then the filter's terms.
  const where = allOf([
    { text: 'h.scan_id = ? AND r.scan_id = ? AND h.sort_key BETWEEN ? AND ?', params: [] },
    f.hosts,
    f.results,
  ])!;
  const ranges = f.portRanges === null ? [] : [f.portRanges];
  const counts = ctx.statements
    .get(
      withRanges(f, {
        text: `SELECT min(r.service), count(*), count(DISTINCT h.id) FROM ${from}
          WHERE ${where.text} GROUP BY r.service COLLATE NOCASE`,
        params: [],
      }).text,
    )
    .raw(true);
  const samples = ctx.statements
    .get(
      withRanges(f, {
        text: `SELECT h.id, r.service, r.port, r.state, r.banner FROM ${from}
          WHERE ${where.text} AND (r.service COLLATE NOCASE IN (SELECT value FROM json_each(?))
            OR (? AND r.service IS NULL))
          ORDER BY h.sort_key, h.id, r.port, r.protocol`,
        params: [],
      }).text,
    )
    .raw(true);
  const groups = new Map<string | null, Group>();
  for (const [firstKey, lastKey] of chunks) {
    const args = [...ranges, id, id, firstKey, lastKey, ...where.params];
    const short: string[] = [];
    let nullShort = false;
    for (const [service, ports, hostCount] of counts.all(...args) as CountRow[]) {
      const key = service === null ? null : asciiLower(service);
      let group = groups.get(key);
      if (!group) {
        group = { service, ports: 0, hosts: 0, sample: [] };
        groups.set(key, group);
      }
      group.ports += ports;
      group.hosts += hostCount;
      if (group.sample.length < SERVICE_SAMPLE) {
        if (key === null) nullShort = true;
        else short.push(key);
      }
    }
    if (short.length > 0 || nullShort) {
      const rows = samples.all(...args, JSON.stringify(short), nullShort ? 1 : 0) as SampleRow[];
      for (const [hostId, service, port, state, banner] of rows) {
        const group = groups.get(service === null ? null : asciiLower(service))!;
        if (group.sample.length >= SERVICE_SAMPLE) continue;
        const host = names(hostId);
        group.sample.push({
          host: host.address,
          hostname: host.hostname === '' ? null : host.hostname,
          port,
          state,
          banner,
        });
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
    if (!ctx.sqlite.open) throw new PortholeError('storage', 'the history was closed');
  }
  const ranked = [...groups.values()].sort(
    (a, b) => b.ports - a.ports || byName(a.service, b.service),
  );
  return { services: ranked.slice(0, SERVICES_SHOWN), truncated: ranked.length > SERVICES_SHOWN };
}

/**
 * Consecutive hosts holding about ROWS_PER_CHUNK rows of the states asked for (so `open` is
 * usually one chunk), as [first, last] sort keys. Hosts with one address (reached by several
 * names) share a key and so a chunk. Reads one row per host only when there are several chunks.
 */
function chunksOf(ctx: StoreContext, hostWhere: Sql, states: readonly PortState[]): Chunk[] {
  const rowsSql = states.map((s) => `h.${s}_count`).join(' + ');
  const all = ctx.statements
    .get(
      `SELECT min(h.sort_key), max(h.sort_key), coalesce(sum(${rowsSql}), 0) FROM hosts h
       WHERE ${hostWhere.text}`,
    )
    .raw(true)
    .get(...hostWhere.params) as [Buffer | null, Buffer | null, number];
  const [min, max, rows] = all;
  if (min === null || max === null) return [];
  if (rows <= ROWS_PER_CHUNK) return [[min, max]];
  const hosts = ctx.statements
    .get(
      `SELECT h.sort_key, ${rowsSql} FROM hosts h WHERE ${hostWhere.text} ORDER BY h.sort_key, h.id`,
    )
    .raw(true)
    .all(...hostWhere.params) as [Buffer, number][];
  const chunks: Chunk[] = [];
  let first: Buffer | null = null;
  let held = 0;
  hosts.forEach(([key, count], i) => {
    first ??= key;
    held += count;
    const next = hosts[i + 1];
    if (!next || (held >= ROWS_PER_CHUNK && !next[0].equals(key))) {
      chunks.push([first, key]);
      first = null;
      held = 0;
    }
  });
  return chunks;
}

type Chunk = [first: Buffer, last: Buffer];

/** Address and hostname by host id, read when a sample first needs them. */
function hostNames(ctx: StoreContext): (hostId: number) => { address: string; hostname: string } {
  const known = new Map<number, { address: string; hostname: string }>();
  const read = ctx.statements.get(`SELECT address, hostname FROM hosts WHERE id = ?`);
  return (hostId) => {
    let names = known.get(hostId);
    if (!names) {
      names = read.get(hostId) as { address: string; hostname: string };
      known.set(hostId, names);
    }
    return names;
  };
}

/** SQLite's LIKE and NOCASE fold ASCII letters only; the groups fold the same. */
const asciiLower = (text: string): string => text.replace(/[A-Z]+/g, (s) => s.toLowerCase());

/** By name, ASCII case ignored; ports with no service name last. */
function byName(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const x = asciiLower(a);
  const y = asciiLower(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
