import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanId } from '../../shared/domain';
import { RESULT_SORT_COLUMNS, type ResultFilterInput } from '../../shared/history';
import { parseResultQuery } from '../../shared/result-query';
import {
  explorerResults,
  matchesFilter,
  naturalOrder,
  explorerScans,
} from './fixtures/explorer-scan';
import { resultPageSql } from './results-query';
import { useTempDatabase } from './test-support';

const tempDb = useTempDatabase('all');
const ALL = explorerResults();

const scans = explorerScans(tempDb);

/** The filter's rows as the reference reads them, in the natural order. */
const expected = (filter: ResultFilterInput) =>
  naturalOrder(ALL.filter((r) => matchesFilter(filter, r)));

const some = <T>(values: readonly T[]) =>
  fc.oneof(
    fc.constantFrom(...values),
    fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }),
  );

const filters: fc.Arbitrary<ResultFilterInput> = fc.record(
  {
    state: some(['open', 'closed', 'filtered', 'error'] as const),
    host: some([
      '10.0.0.*',
      '*.lan',
      'web.lan',
      'WEB.LAN',
      'db.lan',
      '10.0.0.0/24',
      '10.0.0.0/16',
      '10.0.0.2',
      '10.0.0.7/30',
      '::1',
      '0::1',
      'fd00::/8',
      '2001:db8::/32',
      '::/0',
      '0.0.0.0/0',
      '10.0.0.1-10',
      'db*',
      'web_lan*',
      '*%*',
      '192.168.*.10',
      '*:*',
      '*',
      'nosuch.lan',
    ]),
    port: some([
      22,
      80,
      443,
      { from: 1, to: 30 },
      { from: 25, to: 90 },
      { from: 8000, to: 65535 },
      65535,
    ]),
    service: some([
      'http',
      'HTTP*',
      'ssh',
      'ms wbt',
      'svc1',
      'svc*',
      '*proxy',
      'ms_wbt',
      'h_tp*',
      '%',
      '*',
    ]),
    banner: fc.constantFrom(
      'nginx',
      'NGINX',
      '100%_done',
      '%',
      '_',
      '\\',
      'back\\slash',
      'httpd 100',
      'zzz',
    ),
    text: fc
      .array(
        fc.constantFrom(
          'nginx',
          'lan',
          '10.0',
          'http',
          '%',
          '_',
          '\\',
          'svc',
          'db',
          'fd00',
          'PROXY',
        ),
        {
          maxLength: 3,
        },
      )
      .map((words) => words.join(' ')),
  },
  { requiredKeys: [] },
);

describe('the result filter in SQL', () => {
  it('selects exactly the results the filter means, every field and combination', async () => {
    const { finished, running } = await scans();
    await fc.assert(
      fc.asyncProperty(filters, async (filter) => {
        const want = expected(filter);
        for (const id of [finished, running]) {
          const page = tempDb().getResults(id, filter, undefined, { limit: 1000 });
          expect(page.total).toBe(want.length);
          expect(page.rows).toEqual(want);
        }
      }),
      { numRuns: 400 },
    );
  }, 30_000);

  it('pages and sorts any filter on any column', async () => {
    const { finished } = await scans();
    const sorts = fc.record({
      column: fc.constantFrom(...RESULT_SORT_COLUMNS),
      direction: fc.constantFrom('asc' as const, 'desc' as const),
    });
    fc.assert(
      fc.property(
        filters,
        sorts,
        fc.nat(60),
        fc.integer({ min: 1, max: 40 }),
        (filter, sort, offset, limit) => {
          const all = tempDb().getResults(finished, filter, sort, { limit: 1000 }).rows;
          expect(new Set(all.map((r) => `${r.host} ${r.hostname} ${r.port}`))).toEqual(
            new Set(expected(filter).map((r) => `${r.host} ${r.hostname} ${r.port}`)),
          );
          const page = tempDb().getResults(finished, filter, sort, { offset, limit });
          expect(page.rows).toEqual(all.slice(offset, offset + limit));
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000);

  it('finds CIDR blocks of both families by address, whatever the spelling', async () => {
    const { finished } = await scans();
    const hostsOf = (host: ResultFilterInput['host']) => [
      ...new Set(
        tempDb()
          .getResults(finished, { host }, undefined, { limit: 1000 })
          .rows.map((r) => r.host),
      ),
    ];
    expect(hostsOf('10.0.0.0/24')).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.10']);
    expect(hostsOf('10.0.0.0/30')).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(hostsOf('10.0.0.0/8')).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.10', '10.0.1.5']);
    expect(hostsOf('0.0.0.0/0')).toHaveLength(5);
    expect(hostsOf('fd00::/8')).toEqual(['fd00::10']);
    expect(hostsOf('::/0')).toEqual(['::1', '2001:db8::1', 'fd00::10']);
    expect(hostsOf(['0:0::1', '2001:DB8:0::1/128'])).toEqual(['::1', '2001:db8::1']);
    expect(hostsOf('10.0.0.2-9')).toEqual(['10.0.0.2']);
  });

  it("takes %, _ and \\ in the person's text literally", async () => {
    const { finished } = await scans();
    const total = (filter: ResultFilterInput) => tempDb().getResults(finished, filter).total;
    const reference = (filter: ResultFilterInput) => expected(filter).length;
    for (const filter of [
      { banner: '100%_done' },
      { banner: '%' },
      { banner: '0%_d' },
      { banner: '\\' },
      { text: '_' },
      { service: 'ms_wbt' },
      { service: 'ms%' },
      { host: 'web_lan*' },
      { host: '10.0.0.%*' },
    ] as ResultFilterInput[]) {
      expect(total(filter)).toBe(reference(filter));
    }
    expect(total({ banner: '%' })).toBeGreaterThan(0);
    expect(total({ banner: '_' })).toBe(total({ banner: 'ms_wbt' }) + total({ banner: '%_done' }));
    expect(total({ host: 'web_lan*' })).toBe(0);
    expect(total({ service: 'ms%' })).toBe(0);
  });

  it('reads the query language end to end', async () => {
    const { finished } = await scans();
    for (const query of [
      'open port:80,443 service:http* host:10.0.0.*',
      'open filtered host:10.0.0.0/24 port:20-30',
      'banner:"Apache httpd" lan',
      'host:*.lan,::1 closed error',
      'service:"ms wbt",ssh port:1-100,3389',
    ]) {
      const filter = parseResultQuery(query);
      expect(tempDb().getResults(finished, filter, undefined, { limit: 1000 }).rows).toEqual(
        expected(filter),
      );
    }
  });
});

describe('query plans on the indexes', () => {
  const plan = (filter: ResultFilterInput, id: ScanId): string => {
    const query = resultPageSql(
      id,
      filter,
      { column: 'host', direction: 'asc' },
      { offset: 0, limit: 100 },
    );
    return (
      tempDb()
        .sqlite.prepare(`EXPLAIN QUERY PLAN ${query.text}`)
        .all(...query.params) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
  };

  it("walks hosts in order and each host's ports by key, without sorting the first page", async () => {
    const { finished } = await scans();
    const cidr = plan({ host: '10.0.0.0/24' }, finished);
    expect(cidr).toContain('hosts_in_order (scan_id=? AND sort_key>? AND sort_key<?)');
    expect(cidr).not.toContain('TEMP B-TREE');
    const port = plan({ port: { from: 20, to: 30 } }, finished);
    expect(port).toContain('PRIMARY KEY (scan_id=? AND host_id=? AND port>? AND port<?)');
    expect(port).not.toContain('TEMP B-TREE');
    const open = plan({ state: 'open', port: 80 }, finished);
    expect(open).toContain('results_by_state (scan_id=? AND state=? AND host_id=? AND port=?)');
    // Two states: still the state index, never every row of every host.
    const two = plan({ state: ['open', 'filtered'] }, finished);
    expect(two).toContain('results_by_state (scan_id=? AND state=? AND host_id=?)');
    // Several port ranges: one key range per host and range.
    const ranges = plan({ port: [22, { from: 8000, to: 8100 }] }, finished);
    expect(ranges).toContain('PRIMARY KEY (scan_id=? AND host_id=? AND port>? AND port<?)');
    for (const text of [cidr, port, open, two, ranges]) expect(text).not.toMatch(/SCAN (r|h)\b/);
  });
});
