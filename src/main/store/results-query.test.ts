import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanId } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import { RESULT_SORT_COLUMNS, type ResultSortInput } from '../../shared/history';
import { openDatabase, type HistoryDb } from './database';
import { request, result, tempDir } from './test-support';
import { createResultWriter } from './writer';

let db: HistoryDb;
let remove: () => void;
let id: ScanId;

// Hosts deliberately out of numeric order, with a hostname, IPv6 and hostile banners.
const HOSTS = ['10.0.0.10', '10.0.0.9', '::1', '10.0.0.100', '127.0.0.1'];

beforeAll(async () => {
  const t = tempDir();
  remove = t.remove;
  db = openDatabase(join(t.dir, 'porthole.db'));
  id = db.createScan(request({ targets: HOSTS.join(',') }));
  const writer = createResultWriter(db, id);
  for (const host of HOSTS) {
    const rows = [];
    for (let port = 1; port <= 200; port++) {
      const open = port % 50 === 0;
      rows.push(
        result(port, {
          host,
          hostname: host === '127.0.0.1' ? 'localhost' : null,
          state: open ? 'open' : port % 7 === 0 ? 'filtered' : 'closed',
          service: open ? (port === 100 ? 'SSH' : 'http') : null,
          banner: open ? `Server: ${host} 100%_done` : null,
          rttUs: open ? 1000 - port : port % 7 === 0 ? null : port,
        }),
      );
    }
    writer.write(rows);
  }
  await writer.close();
  db.finishScan(id, {
    status: 'completed',
    endedAt: Date.now(),
  });
});
afterAll(() => {
  db.close();
  remove();
});

function countAll() {
  const counts = { open: 0, closed: 0, filtered: 0, error: 0 };
  for (let port = 1; port <= 200; port++) {
    const s = port % 50 === 0 ? 'open' : port % 7 === 0 ? 'filtered' : 'closed';
    counts[s] += HOSTS.length;
  }
  return counts;
}

describe('getResults', () => {
  it('defaults to hosts in numeric order (IPv4 before IPv6), then ports', () => {
    const page = db.getResults(id, {}, undefined, { limit: 1000 });
    expect(page.total).toBe(1000);
    const hostOrder = [...new Set(page.rows.map((r) => r.host))];
    expect(hostOrder).toEqual(['10.0.0.9', '10.0.0.10', '10.0.0.100', '127.0.0.1', '::1']);
    expect(page.rows.slice(0, 3).map((r) => r.port)).toEqual([1, 2, 3]);
    expect(page.rows[0]).toMatchObject({ hostname: null, protocol: 'tcp' });
  });

  it('pages with offset and limit', () => {
    const first = db.getResults(id, {}, undefined, { offset: 0, limit: 150 });
    const second = db.getResults(id, {}, undefined, { offset: 150, limit: 150 });
    expect(first.rows).toHaveLength(150);
    expect(second.rows[0]).toMatchObject({ host: '10.0.0.9', port: 151 });
    expect(second).toMatchObject({ offset: 150, limit: 150, total: 1000 });
  });

  it('filters by state (one or several) with totals from the counts', () => {
    const open = db.getResults(id, { state: 'open' });
    expect(open.total).toBe(20);
    expect(open.rows.every((r) => r.state === 'open')).toBe(true);
    const notClosed = db.getResults(id, { state: ['open', 'filtered'] });
    expect(notClosed.total).toBe(countAll().open + countAll().filtered);
    const closed = db.getResults(id, { state: 'closed' }, undefined, { limit: 5 });
    expect(closed.total).toBe(countAll().closed);
    expect(closed.rows.map((r) => r.port)).toEqual([1, 2, 3, 4, 5]);
  });

  it('filters by host address or hostname, port, range and service', () => {
    expect(db.getResults(id, { host: 'localhost' }).total).toBe(200);
    expect(db.getResults(id, { host: '::1', port: 50 }).rows).toEqual([
      expect.objectContaining({ host: '::1', port: 50, state: 'open' }),
    ]);
    expect(db.getResults(id, { port: { from: 10, to: 19 } }).total).toBe(50);
    expect(db.getResults(id, { service: 'ssh' }).total).toBe(5); // case-insensitive
  });

  it('free text matches banner, service, hostname and address, taking % and _ literally', () => {
    expect(db.getResults(id, { text: '100%_done' }).total).toBe(20);
    expect(db.getResults(id, { text: '0%_d' }).total).toBe(20);
    expect(db.getResults(id, { text: '_' }).total).toBe(20);
    expect(db.getResults(id, { text: 'localh' }).total).toBe(200);
    expect(db.getResults(id, { text: '10.0.0.10' }).total).toBe(400); // .10 and .100
  });

  it('sorts on every column, both ways, with host and port breaking ties', () => {
    for (const column of RESULT_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort: ResultSortInput = { column, direction };
        const rows = db.getResults(id, {}, sort, { limit: 1000 }).rows;
        expect(rows).toHaveLength(1000);
        const key = (r: (typeof rows)[number]) =>
          ({
            host: null,
            hostname: r.hostname ?? '',
            port: r.port,
            protocol: r.protocol,
            state: r.state,
            reason: r.reason,
            rtt: r.rttUs ?? -1,
            service: r.service ?? '',
            banner: r.banner ?? '',
            scannedAt: r.scannedAt,
          })[column];
        if (column === 'host') continue;
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [key(rows[i - 1]!), key(rows[i]!)];
          if (direction === 'asc') expect(a! <= b!).toBe(true);
          else expect(a! >= b!).toBe(true);
        }
      }
    }
    const desc = db.getResults(id, {}, { column: 'host', direction: 'desc' }, { limit: 1 });
    expect(desc.rows[0]).toMatchObject({ host: '::1', port: 200 });
  });

  it('refuses a sort column or filter it does not know, before any SQL', () => {
    expect(() => db.getResults(id, {}, { column: 'port; DROP TABLE results' as never })).toThrow(
      InputError,
    );
    expect(() => db.getResults(id, { port: { from: 9, to: 1 } })).toThrow(InputError);
    expect(() => db.getResults(id, { bogus: 1 } as never)).toThrow(InputError);
    expect(() => db.getResults(id, {}, undefined, { limit: 100_000 })).toThrow(InputError);
  });

  it('answers an empty page for a scan that does not exist', () => {
    expect(db.getResults(9999 as ScanId)).toMatchObject({ rows: [], total: 0 });
  });

  it('plans the default page and the state filter on indexes, without sorting', () => {
    const plan = (sql: string, ...params: unknown[]) =>
      (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    const base = `SELECT r.port FROM hosts h CROSS JOIN results r ON r.scan_id = h.scan_id AND r.host_id = h.id
      WHERE h.scan_id = ? AND r.scan_id = ?`;
    const order = `ORDER BY h.sort_key, h.id, r.port, r.protocol LIMIT 100`;
    const plain = plan(`${base} ${order}`, id, id);
    expect(plain).toContain('hosts_in_order');
    expect(plain).not.toContain('TEMP B-TREE');
    const open = plan(
      `${base} AND r.state IN (?) AND r.state <> 'closed' ${order}`,
      id,
      id,
      'open',
    );
    expect(open).toContain('results_by_state');
    expect(open).not.toContain('TEMP B-TREE');
  });
});
