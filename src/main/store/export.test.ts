import { PassThrough, Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanId } from '../../shared/domain';
import { CSV_COLUMNS, type ResultFilterInput } from '../../shared/history';
import { csvText } from './export-csv';
import { request, result, results, useTempDatabase, writeFinishedScan } from './test-support';
import { createResultWriter } from './writer';

const tempDb = useTempDatabase('all');

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF records. Strict on what it accepts. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${text[i]} at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.slice(i, i + 2) !== '\r\n') throw new Error(`expected CRLF at ${i}`);
    i += 2;
    records.push(record);
    record = [];
    if (i === text.length) return records;
  }
}

async function exported(
  id: ScanId,
  format: 'csv' | 'json' | 'ndjson',
  filter = {},
): Promise<{ text: string; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const { rows } = await tempDb().exportScan(id, format, out, filter);
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), rows };
}

const scanWith = (rows: ReturnType<typeof results>): Promise<ScanId> =>
  writeFinishedScan(tempDb(), rows);

const FORMULA = /^[=+\-@\t\r\n]/;

describe('CSV export', () => {
  it('writes the exact header, CRLF records, numbers as numbers, ISO times', async () => {
    const id = await scanWith([
      result(22, { state: 'open', service: 'ssh', banner: 'SSH-2.0-OpenSSH_9.2', rttUs: 1234 }),
      result(23, { hostname: 'localhost', rttUs: null }),
    ]);
    const { text, rows } = await exported(id, 'csv');
    expect(rows).toBe(2);
    expect(text).toBe(
      `${CSV_COLUMNS.join(',')}\r\n` +
        `127.0.0.1,,22,tcp,open,syn-ack,1.234,ssh,SSH-2.0-OpenSSH_9.2,${id},2023-11-14T22:13:20.022Z\r\n` +
        `127.0.0.1,localhost,23,tcp,closed,conn-refused,,,,${id},2023-11-14T22:13:20.023Z\r\n`,
    );
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', async () => {
    const banners = [
      'a,b',
      'say "hi"',
      'line1\r\nline2',
      '=cmd|calc',
      '+1',
      '-2',
      '@SUM(A1)',
      '\tx',
    ];
    const id = await scanWith(banners.map((banner, i) => result(i + 1, { state: 'open', banner })));
    const records = parseCsv((await exported(id, 'csv')).text);
    const cells = records.slice(1).map((r) => r[8]);
    expect(cells).toEqual([
      'a,b',
      'say "hi"',
      'line1\r\nline2',
      "'=cmd|calc",
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
    ]);
    expect(csvText('a"b')).toBe('"a""b"');
    expect(csvText('\nx')).toBe(`"'\nx"`);
  });

  it('exports only open ports, or any filtered view', async () => {
    const id = await scanWith(results(1, 1000));
    expect((await exported(id, 'csv', { state: 'open' })).rows).toBe(10);
    const view = await exported(id, 'csv', { port: { from: 100, to: 199 }, text: 'Server' });
    expect(view.rows).toBe(1);
    expect(parseCsv(view.text)[1]?.[2]).toBe('100');
  });

  it('exports the view of any filter, lists, ranges and hosts included, across keyset reads', async () => {
    const rows = [
      ...results(1, 6000, { host: '10.0.0.2' }),
      ...results(1, 6000, { host: '10.0.1.1', hostname: 'b.lan' }),
      ...results(1, 6000, { host: '::1' }),
    ];
    const id = await scanWith(rows);
    const filter: ResultFilterInput = {
      host: ['10.0.0.0/16', '::1'],
      port: [{ from: 1, to: 4500 }, { from: 5000, to: 5100 }, 5900],
      state: ['open', 'closed'],
    };
    const { text, rows: n } = await exported(id, 'csv', filter);
    const want = rows.filter(
      (r) => r.port <= 4500 || (r.port >= 5000 && r.port <= 5100) || r.port === 5900,
    );
    expect(n).toBe(want.length);
    const got = parseCsv(text)
      .slice(1)
      .map((r) => `${r[0]} ${r[2]}`);
    const sorted = ['10.0.0.2', '10.0.1.1', '::1'].flatMap((host) =>
      want.filter((r) => r.host === host).map((r) => `${r.host} ${r.port}`),
    );
    expect(got).toEqual(sorted);
    expect(
      (await exported(id, 'csv', { host: '*.lan', port: [80, 100], state: 'open' })).rows,
    ).toBe(1);
  });

  it('streams many chunks in host then port order across keyset reads', async () => {
    const rows = [
      ...results(1, 9000, { host: '10.0.0.2' }),
      ...results(1, 9000, { host: '10.0.0.1' }),
    ];
    const id = await scanWith(rows);
    const { text, rows: n } = await exported(id, 'csv');
    expect(n).toBe(18_000);
    const records = parseCsv(text).slice(1);
    expect(records[0]?.slice(0, 3)).toEqual(['10.0.0.1', '', '1']);
    expect(records[8999]?.slice(0, 3)).toEqual(['10.0.0.1', '', '9000']);
    expect(records[9000]?.slice(0, 3)).toEqual(['10.0.0.2', '', '1']);
  });

  it('waits for a slow reader (backpressure) without buffering the whole export', async () => {
    const id = await scanWith(results(1, 20_000));
    let writes = 0;
    let maxBuffered = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(_chunk, _enc, done) {
        writes++;
        setTimeout(done, 1);
      },
    });
    const watcher = setInterval(
      () => (maxBuffered = Math.max(maxBuffered, slow.writableLength)),
      1,
    );
    const { rows } = await tempDb().exportScan(id, 'csv', slow);
    clearInterval(watcher);
    expect(rows).toBe(20_000);
    expect(writes).toBeGreaterThan(5);
    expect(maxBuffered).toBeLessThanOrEqual(128 * 1024);
  });

  it('lets a running scan keep committing while an export streams', async () => {
    const exportedId = await scanWith(results(1, 30_000));
    const running = tempDb().createScan(request());
    const writer = createResultWriter(tempDb(), running, { maxRows: 100, maxDelayMs: 1 });
    const slow = new Writable({
      highWaterMark: 8 * 1024,
      write(_chunk, _enc, done) {
        setTimeout(done, 6);
      },
    });
    let exportDone = false;
    const exporting = tempDb()
      .exportScan(exportedId, 'csv', slow)
      .then((r) => {
        exportDone = true;
        return r;
      });
    for (let port = 1; port <= 1000; port += 100) {
      writer.write(results(port, port + 99));
      await new Promise((r) => setTimeout(r, 5));
    }
    await writer.close();
    await expect(writer.completion).resolves.toMatchObject({ rows: 1000 });
    expect(exportDone).toBe(false); // the writer finished while the export was still going
    await expect(exporting).resolves.toEqual({ rows: 30_000 });
  });

  it('rejects instead of hanging when the output breaks', async () => {
    const id = await scanWith(results(1, 50_000));
    const broken = new Writable({
      highWaterMark: 1024,
      write(_chunk, _enc, done) {
        setTimeout(() => done(new Error('EPIPE: reader went away')), 1);
      },
    });
    broken.on('error', () => undefined);
    await expect(tempDb().exportScan(id, 'csv', broken)).rejects.toThrow(/EPIPE|closed/);
  });

  it('round-trips any banner through CSV and never starts a cell with a formula character', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'"), {
          maxLength: 3,
        }),
        async (banners, prefix) => {
          const hostile = banners.map((b, i) => (i === 0 ? prefix.join('') + b : b));
          const id = await scanWith(
            hostile.map((banner, i) => result(i + 1, { state: 'open', banner, service: banner })),
          );
          const records = parseCsv((await exported(id, 'csv')).text).slice(1);
          records.forEach((record, i) => {
            const banner = hostile[i]!;
            const expected = banner === '' ? '' : FORMULA.test(banner) ? `'${banner}` : banner;
            expect(record[8]).toBe(expected);
            expect(record[7]).toBe(expected);
            for (const cell of record) expect(FORMULA.test(cell)).toBe(false);
          });
          await tempDb().deleteScan(id);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('JSON export', () => {
  it('writes one array (streamed) or NDJSON, with the CSV fields in camelCase', async () => {
    const id = await scanWith([
      result(80, { state: 'open', banner: '=x\u0000"y"', service: 'http', rttUs: 500 }),
      result(81),
    ]);
    const array = JSON.parse((await exported(id, 'json')).text) as unknown[];
    expect(array).toHaveLength(2);
    expect(array[0]).toEqual({
      host: '127.0.0.1',
      hostname: null,
      port: 80,
      protocol: 'tcp',
      state: 'open',
      reason: 'syn-ack',
      rttMs: 0.5,
      service: 'http',
      banner: '=x\u0000"y"',
      scanId: id,
      scannedAt: '2023-11-14T22:13:20.080Z',
    });
    const lines = (await exported(id, 'ndjson')).text.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as { port: number }).map((r) => r.port)).toEqual([
      80, 81,
    ]);
  });

  it('writes an empty array for an empty view', async () => {
    const id = await scanWith(results(1, 10));
    expect(JSON.parse((await exported(id, 'json', { state: 'error' })).text)).toEqual([]);
    expect((await exported(id, 'ndjson', { state: 'error' })).text).toBe('');
  });

  it('refuses a scan that does not exist', async () => {
    await expect(tempDb().exportScan(424242 as ScanId, 'json', new PassThrough())).rejects.toThrow(
      /not in the history/,
    );
  });
});

/** Rows still stored for a scan (a delete removes them before the scan's own row). */
const storedRows = (id: ScanId): number =>
  (
    tempDb().sqlite.prepare('SELECT count(*) AS n FROM results WHERE scan_id = ?').get(id) as {
      n: number;
    }
  ).n;

/** Resolves on a later turn of the event loop once `check` holds (the delete runs between turns). */
async function turnsUntil(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A reader that takes the first chunk, then holds the export there (backpressure: it waits for
 * 'drain') until `release()` settles, running `onFirst` as it starts holding.
 */
function heldReader(onFirst: () => void, release: () => Promise<unknown>): Writable {
  let first = true;
  return new Writable({
    highWaterMark: 1,
    write(_chunk, _enc, done) {
      if (!first) return done();
      first = false;
      onFirst();
      void release().finally(() => done());
    },
  });
}

describe('a scan deleted while it is exported', () => {
  // Hosts of 200 rows: a delete takes a turn of the event loop per host, the export none.
  const manyHosts = () =>
    Array.from({ length: 60 }, (_, h) => results(1, 200, { host: `127.0.1.${h + 1}` })).flat();

  it.each(['csv', 'json', 'ndjson'] as const)(
    'rejects (%s) when the delete ends while the export waits for its reader, never a shorter file',
    async (format) => {
      const id = await scanWith(manyHosts());
      let deleted: Promise<boolean> | null = null;
      const reader = heldReader(
        () => (deleted = tempDb().deleteScan(id)),
        () => deleted!,
      );
      await expect(tempDb().exportScan(id, format, reader)).rejects.toMatchObject({
        kind: 'not-found',
        message: `scan ${id} was deleted while it was being exported`,
      });
      expect(await deleted).toBe(true);
    },
  );

  it('rejects when the export ends first, the delete still under way (its row not gone yet)', async () => {
    const id = await scanWith(manyHosts());
    let deleting = false;
    let deleted: Promise<boolean> | null = null;
    const reader = heldReader(
      () => {
        deleted = tempDb().deleteScan(id);
        void deleted.finally(() => (deleting = false));
        deleting = true;
      },
      // The delete goes host by host, as the export does: let it get well past the export.
      () => turnsUntil(() => storedRows(id) < 6_000),
    );
    const exporting = tempDb().exportScan(id, 'csv', reader);
    await expect(exporting).rejects.toThrow(`scan ${id} was deleted while it was being exported`);
    // What this case is about: the export read the last (remaining) hosts while the scan's row
    // was still there, as a delete leaves it until its end.
    expect(deleting).toBe(true);
    expect(await deleted).toBe(true);
  });

  it('refuses at once to export a scan that is being deleted', async () => {
    const id = await scanWith(manyHosts());
    const deleted = tempDb().deleteScan(id);
    const reader = new PassThrough().resume();
    await expect(tempDb().exportScan(id, 'csv', reader)).rejects.toThrow(
      `scan ${id} is being deleted`,
    );
    expect(await deleted).toBe(true);
  });

  it('exports a scan whose delete was refused, and one deleted before, as before', async () => {
    const id = await scanWith(results(1, 10));
    const running = tempDb().createScan(request());
    await expect(tempDb().deleteScan(running)).rejects.toThrow(/cancel it before deleting/);
    expect((await exported(running, 'csv')).rows).toBe(0);
    expect((await exported(id, 'csv')).rows).toBe(10);
  });
});
