import { PassThrough, Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortResult, PortState, ScanId } from '../../shared/domain';
import { changeKind } from '../../shared/diff-kind';
import { DIFF_CHANGE_LIMIT, type ScanDiff } from '../../shared/history';
import { diffRows, type DiffRow, type DiffRowKind } from './export-diff';
import { DIFF_CSV_COLUMNS, exportDiffCsv } from './export-diff-csv';
import { result, useTempDatabase, writeFinishedScan } from './test-support';

const tempDb = useTempDatabase('all');
const ALL: ReadonlySet<DiffRowKind> = new Set([
  'added',
  'removed',
  'changed',
  'host-added',
  'host-gone',
]);

const scan = (
  rows: PortResult[],
  status: 'completed' | 'cancelled' = 'completed',
): Promise<ScanId> => writeFinishedScan(tempDb(), rows, { targets: '10.0.0.1-3', status });

const at = (host: string, port: number, over: Partial<PortResult> = {}) =>
  result(port, { host, ...over });

async function csvOf(
  from: ScanId,
  to: ScanId,
  kinds = ALL,
  bom = false,
): Promise<{ text: string; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const { rows } = await exportDiffCsv(tempDb(), from, to, kinds, out, { bom });
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), rows };
}

async function rowsOf(from: ScanId, to: ScanId, kinds = ALL): Promise<DiffRow[]> {
  const rows: DiffRow[] = [];
  for await (const row of diffRows(tempDb(), from, to, kinds)) rows.push(row);
  return rows;
}

describe('the comparison as CSV', () => {
  it('writes every change grouped by host: host rows first, then ports, before and after', async () => {
    // The scans of diff.test.ts's first case: the CSV must say what diffScans says.
    const before = await scan([
      at('10.0.0.1', 22, { state: 'open', service: 'ssh', banner: 'OpenSSH_9.1' }),
      at('10.0.0.1', 80, { state: 'open', service: 'http' }),
      at('10.0.0.1', 443),
      at('10.0.0.2', 22, { state: 'open' }),
      at('10.0.0.3', 22, { state: 'filtered' }),
      at('10.0.0.1', 8080, { state: 'open' }),
    ]);
    const after = await scan([
      at('10.0.0.1', 22, { state: 'open', service: 'ssh', banner: 'OpenSSH_9.2' }),
      at('10.0.0.1', 80, { state: 'closed' }),
      at('10.0.0.1', 443, { state: 'open', service: 'https' }),
      at('10.0.0.2', 22, { state: 'filtered' }),
      at('10.0.0.3', 22, { state: 'closed' }),
      at('10.0.0.1', 9090, { state: 'open' }),
    ]);
    const { text, rows } = await csvOf(before, after);
    expect(rows).toBe(9);
    expect(text).toBe(
      [
        DIFF_CSV_COLUMNS.join(','),
        '10.0.0.1,,22,tcp,changed,banner,open,open,ssh,ssh,OpenSSH_9.1,OpenSSH_9.2',
        '10.0.0.1,,80,tcp,removed,state;service,open,closed,http,,,',
        '10.0.0.1,,443,tcp,added,state;service,closed,open,,https,,',
        '10.0.0.1,,8080,tcp,removed,,open,,,,,',
        '10.0.0.1,,9090,tcp,added,,,open,,,,',
        '10.0.0.2,,,,host-gone,,,,,,,',
        '10.0.0.2,,22,tcp,removed,state,open,filtered,,,,',
        '10.0.0.3,,,,host-added,,,,,,,',
        '10.0.0.3,,22,tcp,changed,state,filtered,closed,,,,',
        '',
      ].join('\r\n'),
    );
    const added = await csvOf(before, after, new Set(['added', 'host-added']));
    expect(added.text.split('\r\n').slice(1, -1)).toEqual([
      '10.0.0.1,,443,tcp,added,state;service,closed,open,,https,,',
      '10.0.0.1,,9090,tcp,added,,,open,,,,',
      '10.0.0.3,,,,host-added,,,,,,,',
    ]);
    const withBom = await csvOf(before, after, ALL, true);
    expect(withBom.text).toBe(`\uFEFF${text}`);
  });

  it('defuses formulas and quotes what needs quoting, in every text column', async () => {
    const before = await scan([
      at('10.0.0.1', 80, {
        hostname: '=evil.lan',
        state: 'open',
        service: '+http',
        banner: '=HYPERLINK("http://x")',
      }),
    ]);
    const after = await scan([
      at('10.0.0.1', 80, { hostname: '=evil.lan', state: 'open', service: '@x', banner: 'a,b' }),
    ]);
    const lines = (await csvOf(before, after)).text.split('\r\n');
    expect(lines[1]).toBe(
      `10.0.0.1,'=evil.lan,80,tcp,changed,service;banner,open,open,'+http,'@x,"'=HYPERLINK(""http://x"")","a,b"`,
    );
  });

  it(`streams every change past diffScans' limit of ${DIFF_CHANGE_LIMIT}`, async () => {
    const ports = DIFF_CHANGE_LIMIT + 2000;
    const closed: PortResult[] = [];
    const open: PortResult[] = [];
    for (let port = 1; port <= ports; port++) {
      closed.push(at('10.0.0.1', port));
      open.push(at('10.0.0.1', port, { state: 'open' }));
    }
    const before = await scan(closed);
    const after = await scan(open);
    expect(tempDb().diffScans(before, after)).toMatchObject({ truncated: true });
    // Closed -> open: every one of them a port opened.
    const { text, rows } = await csvOf(before, after, new Set(['added']));
    expect(rows).toBe(ports);
    const lines = text.split('\r\n');
    expect(lines[1]).toBe('10.0.0.1,,1,tcp,added,state,closed,open,,,,');
    expect(lines[ports]).toBe(`10.0.0.1,,${ports},tcp,added,state,closed,open,,,,`);
  });

  it('refuses a scan that is not in the history before writing anything', async () => {
    const id = await scan([at('10.0.0.1', 1)]);
    const out = new PassThrough();
    let written = 0;
    out.on('data', (c: Buffer) => (written += c.length));
    await expect(exportDiffCsv(tempDb(), id, 424242 as ScanId, ALL, out)).rejects.toThrow(
      /scan 424242 is not in the history/,
    );
    expect(written).toBe(0);
  });

  it.each(['from', 'to'] as const)(
    'rejects when the %s scan is deleted while the comparison waits for its reader',
    async (which) => {
      // 40 hosts of 100 ports, each closed -> open: changes enough for many chunks of CSV.
      const hosts = Array.from({ length: 40 }, (_, h) => `10.0.1.${h + 1}`);
      const rows = (over: Partial<PortResult>) =>
        hosts.flatMap((host) => Array.from({ length: 100 }, (_, p) => at(host, p + 1, over)));
      const before = await scan(rows({}));
      const after = await scan(rows({ state: 'open' }));
      const id = which === 'from' ? before : after;
      let deleted: Promise<boolean> | null = null;
      let first = true;
      // Takes the first chunk, then holds the comparison there (backpressure) until the delete ends.
      const reader = new Writable({
        highWaterMark: 1,
        write(_chunk, _enc, done) {
          if (!first) return done();
          first = false;
          deleted = tempDb().deleteScan(id);
          void deleted.finally(() => done());
        },
      });
      await expect(exportDiffCsv(tempDb(), before, after, ALL, reader)).rejects.toMatchObject({
        kind: 'not-found',
        message: `scan ${id} was deleted while it was being exported`,
      });
      expect(await deleted).toBe(true);
    },
  );

  it('says what diffScans says, for any two scans, complete or not', async () => {
    const hosts = [
      { host: '10.0.0.1', hostname: null },
      { host: '10.0.0.2', hostname: null },
      { host: '10.0.0.2', hostname: 'b.lan' },
      { host: '::1', hostname: null },
    ];
    const port = fc.record({
      host: fc.nat(hosts.length - 1),
      port: fc.integer({ min: 1, max: 12 }),
      state: fc.constantFrom<PortState>('open', 'closed', 'filtered', 'error'),
      service: fc.constantFrom(null, 'http', 'ssh'),
      banner: fc.constantFrom(null, 'a', 'b'),
    });
    const side = fc.record({
      ports: fc.uniqueArray(port, { selector: (p) => `${p.host}/${p.port}`, maxLength: 30 }),
      complete: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(side, side, async (a, b) => {
        const write = (s: typeof a) =>
          scan(
            s.ports.map(({ host, port, ...rest }) =>
              at(hosts[host]!.host, port, { ...rest, hostname: hosts[host]!.hostname }),
            ),
            s.complete ? 'completed' : 'cancelled',
          );
        const from = await write(a);
        const to = await write(b);
        const rows = await rowsOf(from, to);
        expect(rows.map(describeRow).sort()).toEqual(expected(tempDb().diffScans(from, to)).sort());
        // Grouped: a host's rows together, its host row first, ports ascending.
        const keys = rows.map((r) => `${r.host} ${r.hostname ?? ''}`);
        const seen = new Set<string>();
        keys.forEach((key, i) => {
          if (key !== keys[i - 1]) {
            expect(seen.has(key)).toBe(false);
            seen.add(key);
          } else {
            expect(rows[i]!.port).not.toBeNull();
            expect(rows[i]!.port!).toBeGreaterThan(rows[i - 1]!.port ?? 0);
          }
        });
        await tempDb().deleteScan(from);
        await tempDb().deleteScan(to);
      }),
      { numRuns: 80 },
    );
  });
});

function describeRow(r: DiffRow): string {
  const snap = (s: DiffRow['before']) => (s ? `${s.state}/${s.service}/${s.banner}` : '-');
  return `${r.host} ${r.hostname} ${r.port} ${r.kind} ${r.changed.join('+')} ${snap(r.before)} ${snap(r.after)}`;
}

/** diffScans' answer as the rows the export should have. */
function expected(diff: ScanDiff): string[] {
  const rows: DiffRow[] = [
    ...diff.hostsAdded.map((h) => hostRow('host-added', h)),
    ...diff.hostsGone.map((h) => hostRow('host-gone', h)),
    ...diff.changes.map((c): DiffRow => ({
      // The window's reading of a change (shared/diff-kind), which the export must share.
      kind: changeKind(c),
      host: c.host,
      hostname: c.hostname,
      port: c.port,
      protocol: c.protocol,
      changed: c.changed.filter((k) => k !== 'added' && k !== 'gone') as DiffRow['changed'],
      before: c.before,
      after: c.after,
    })),
  ];
  return rows.map(describeRow);
}

const hostRow = (kind: DiffRowKind, h: { host: string; hostname: string | null }): DiffRow => ({
  kind,
  ...h,
  port: null,
  protocol: null,
  changed: [],
  before: null,
  after: null,
});
