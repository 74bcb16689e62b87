import { describe, expect, it } from 'vitest';
import { PortholeError } from '../../shared/errors';
import { openDatabase } from './database';
import { request, result, results, useTempDatabase } from './test-support';
import { createResultWriter } from './writer';

const tempDb = useTempDatabase('each');

const countRows = (scanId: number): number =>
  tempDb()
    .sqlite.prepare('SELECT count(*) FROM results WHERE scan_id = ?')
    .pluck()
    .get(scanId) as number;

describe('ResultWriter', () => {
  it('commits everything written, in bounded transactions, and resolves once', async () => {
    const id = tempDb().createScan(request());
    const writer = createResultWriter(tempDb(), id, { maxRows: 500 });
    const all = results(1, 10_000);
    for (let i = 0; i < all.length; i += 333) writer.write(all.slice(i, i + 333));
    await writer.close();
    const summary = await writer.completion;
    expect(summary.rows).toBe(10_000);
    expect(summary.transactions).toBeGreaterThanOrEqual(20);
    expect(writer.committed).toBe(10_000);
    expect(countRows(id)).toBe(10_000);
    expect(writer.failed).toBeNull();
  });

  it('commits within maxDelayMs without being closed (a crash loses at most that)', async () => {
    const id = tempDb().createScan(request());
    const writer = createResultWriter(tempDb(), id, { maxRows: 2000, maxDelayMs: 20 });
    writer.write(results(1, 10));
    expect(countRows(id)).toBe(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(countRows(id)).toBe(10);
    await writer.close();
  });

  it("keeps a running scan's counts equal to its committed rows, commit by commit", async () => {
    const id = tempDb().createScan(request());
    const seen: { committed: number; open: number; closed: number }[] = [];
    const writer = createResultWriter(tempDb(), id, {
      maxRows: 300,
      onCommit: (committed) => {
        const scan = tempDb().getScan(id)!;
        seen.push({ committed, open: scan.counts.open, closed: scan.counts.closed });
      },
    });
    writer.write(results(1, 1000, {}, 10));
    await writer.close();
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (const s of seen) expect(s.open + s.closed).toBe(s.committed);
    expect(tempDb().getScan(id)!.status).toBe('running');
    expect(tempDb().getScan(id)!.counts).toMatchObject({ open: 100, closed: 900 });
  });

  it('settles when nothing was written, and close twice is harmless', async () => {
    const writer = createResultWriter(tempDb(), tempDb().createScan(request()));
    await writer.close();
    await writer.close();
    await expect(writer.completion).resolves.toMatchObject({ rows: 0, transactions: 0 });
  });

  it('refuses a write after close', async () => {
    const writer = createResultWriter(tempDb(), tempDb().createScan(request()));
    await writer.close();
    expect(() => writer.write([result(1)])).toThrow(PortholeError);
  });

  it('keeps the latest answer when a port is reported twice', async () => {
    const id = tempDb().createScan(request());
    const writer = createResultWriter(tempDb(), id);
    writer.write([result(80), result(80, { state: 'open', banner: 'again' })]);
    await writer.close();
    expect(countRows(id)).toBe(1);
    expect(tempDb().getResults(id).rows[0]).toMatchObject({ state: 'open', banner: 'again' });
  });

  it('lets several scans write through one connection at once', async () => {
    const ids = [
      tempDb().createScan(request()),
      tempDb().createScan(request()),
      tempDb().createScan(request()),
    ];
    const writers = ids.map((id) => createResultWriter(tempDb(), id, { maxRows: 300 }));
    for (let port = 1; port <= 3000; port += 100) {
      for (const w of writers) w.write(results(port, port + 99));
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(writers.map((w) => w.close()));
    for (const id of ids) expect(countRows(id)).toBe(3000);
  });

  it('commits what open writers hold when the database closes, and settles them', async () => {
    const path = tempDb().file;
    const id = tempDb().createScan(request());
    const writer = createResultWriter(tempDb(), id, { maxDelayMs: 10_000 });
    writer.write(results(1, 1234));
    tempDb().close();
    await expect(writer.completion).resolves.toMatchObject({ rows: 1234 });
    const again = openDatabase(path);
    const rows = again.sqlite
      .prepare('SELECT count(*) FROM results WHERE scan_id = ?')
      .pluck()
      .get(id) as number;
    again.close();
    expect(rows).toBe(1234);
  });

  it('after a failure, refuses writes with the original error and close still settles', async () => {
    const id = tempDb().createScan(request());
    const writer = createResultWriter(tempDb(), id);
    // A result without a state breaks NOT NULL: a real SQLite error from inside the transaction.
    writer.write([result(1), result(2, { state: null as never })]);
    const error = await writer.completion.catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('SQLITE_CONSTRAINT_NOTNULL');
    expect(writer.failed).toBe(error);
    expect(() => writer.write([result(2)])).toThrow(error as Error);
    await writer.close();
    await writer.close();
    expect(countRows(id)).toBe(0); // the failed transaction rolled back whole
  });

  it('bounds every transaction by size, and measures their time', async () => {
    const id = tempDb().createScan(request({ targets: '127.0.0.1,::1' }));
    const writer = createResultWriter(tempDb(), id);
    const rows = [...results(1, 65_535), ...results(1, 65_535, { host: '::1' })];
    for (let i = 0; i < rows.length; i += 1000) {
      writer.write(rows.slice(i, i + 1000));
      if (i % 10_000 === 0) await new Promise((r) => setImmediate(r));
    }
    await writer.close();
    const summary = await writer.completion;
    expect(summary.rows).toBe(131_070);
    // At most 2,000 rows a transaction (the default), so no single commit holds the loop long;
    // how long they take is the benchmark's to measure, not a test's on a shared machine.
    expect(summary.transactions).toBeGreaterThanOrEqual(Math.ceil(131_070 / 2000));
    expect(summary.maxTransactionMs).toBeGreaterThan(0);
    expect(summary.totalTransactionMs).toBeGreaterThanOrEqual(summary.maxTransactionMs);
  });
});
