import { PORT_STATES, type PortState, type ScanId } from '../../shared/domain';
import { PortholeError } from '../../shared/errors';
import {
  SERVICE_SAMPLE,
  SERVICES_SHOWN,
  type ServiceList,
  type ServiceSummary,
} from '../../shared/explorer';
import type { ResultFilter } from '../../shared/history';
import { matchingCountSql } from './host-counts';
import { filterSql, resultsFrom, withRanges } from './result-filter';
import { getScanRow } from './scans';
import { allOf, type Sql } from './sql';
import type { StoreContext } from './statements';

/** Rows handled between two turns of the event loop (a few tens of milliseconds of work). */
const ROWS_PER_CHUNK = 16_384;

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
 * first. Every matching row is seen once, a few hosts at a time (about ROWS_PER_CHUNK rows, never
 * less than one host) with the event loop free in between, as this is the app's main process: per
 * chunk SQL counts ports and hosts by service (chunks hold whole hosts, so host counts add up),
 * then reads the first rows of the services whose sample is not full yet. Cost: every matching
 * row once, in SQL (a whole scan unfiltered; only the open ones, by the state index, for `open`).
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
  // Parameters: the ranges (if any), scan, scan, the chunk's keys, then the filter's terms.
  const where = allOf([
    { text: 'h.scan_id = ? AND r.scan_id = ? AND h.sort_key > ? AND h.sort_key <= ?', params: [] },
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
  // The first rows of each named service still short of a sample, in host and port order (the
  // window sorts only those services' rows of the chunk).
  const namedSamples = ctx.statements
    .get(
      withRanges(f, {
        text: `SELECT id, service, port, state, banner FROM (
            SELECT h.id, r.service, r.port, r.state, r.banner, h.sort_key, r.protocol,
              row_number() OVER (PARTITION BY lower(r.service)
                                 ORDER BY h.sort_key, h.id, r.port, r.protocol) AS nth
            FROM ${from}
            WHERE ${where.text} AND lower(r.service) IN (SELECT value FROM json_each(?)))
          WHERE nth <= ${SERVICE_SAMPLE} ORDER BY sort_key, id, port, protocol`,
        params: [],
      }).text,
    )
    .raw(true);
  // Ports without a name are most of a scan: their first rows come in order, without a sort.
  const unnamedSamples = ctx.statements
    .get(
      withRanges(f, {
        text: `SELECT h.id, r.service, r.port, r.state, r.banner FROM ${from}
          WHERE ${where.text} AND r.service IS NULL
          ORDER BY h.sort_key, h.id, r.port, r.protocol LIMIT ?`,
        params: [],
      }).text,
    )
    .raw(true);
  const groups = new Map<string | null, Group>();
  for (const [after, upTo] of chunks) {
    const args = [...ranges, id, id, after, upTo, ...where.params];
    const short: string[] = [];
    let unnamedShort = 0;
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
        if (key === null) unnamedShort = SERVICE_SAMPLE - group.sample.length;
        else short.push(key);
      }
    }
    const rows = [
      ...(short.length ? (namedSamples.all(...args, JSON.stringify(short)) as SampleRow[]) : []),
      ...(unnamedShort > 0 ? (unnamedSamples.all(...args, unnamedShort) as SampleRow[]) : []),
    ];
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
 * usually one chunk), as (after, upTo] ranges of sort keys: hosts with one address (reached by
 * several names) share a key and so always a chunk. Only the boundaries' keys are read as BLOBs
 * (a Buffer each costs microseconds: a third of a second for every host of a /16).
 */
function chunksOf(ctx: StoreContext, hostWhere: Sql, states: readonly PortState[]): Chunk[] {
  const rowsSql = matchingCountSql(states);
  const hosts = ctx.statements
    .get(`SELECT h.id, ${rowsSql} FROM hosts h WHERE ${hostWhere.text} ORDER BY h.sort_key, h.id`)
    .raw(true)
    .all(...hostWhere.params) as [id: number, rows: number][];
  const ends: number[] = [];
  let held = 0;
  hosts.forEach(([hostId, rows], i) => {
    held += rows;
    if (held >= ROWS_PER_CHUNK || i === hosts.length - 1) {
      ends.push(hostId);
      held = 0;
    }
  });
  const keyOf = ctx.statements.get(`SELECT sort_key FROM hosts WHERE id = ?`).pluck();
  let after: Buffer = Buffer.alloc(0); // an empty BLOB sorts before every key
  return ends.map((hostId) => {
    const upTo = keyOf.get(hostId) as Buffer;
    const chunk: Chunk = [after, upTo];
    after = upTo;
    return chunk;
  });
}

/** Hosts whose sort key is above the first and at most the second. */
type Chunk = [after: Buffer, upTo: Buffer];

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
