import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { emptyStateCounts, type ScanId } from '../../shared/domain';
import { InputError, PortholeError } from '../../shared/errors';
import { openDatabase } from './database';
import { request, results, useTempDatabase } from './test-support';
import { createResultWriter } from './writer';

const tempDb = useTempDatabase('each');

const done = (id: ScanId, status: 'completed' | 'cancelled' = 'completed'): void =>
  tempDb().finishScan(id, { status, endedAt: Date.now() });

async function write(id: ScanId, rows = results(1, 500)): Promise<void> {
  const writer = createResultWriter(tempDb(), id);
  writer.write(rows);
  await writer.close();
}

describe('scans', () => {
  it('creates a running scan with the request, targets, ports and name', () => {
    const id = tempDb().createScan(
      request({ targets: '10.0.0.1, 10.0.0.2', topPorts: 100, ports: undefined }),
      {
        name: 'lab',
        startedAt: 5000,
      },
    );
    expect(tempDb().getScan(id)).toMatchObject({
      id,
      name: 'lab',
      status: 'running',
      startedAt: 5000,
      endedAt: null,
      targets: '10.0.0.1, 10.0.0.2',
      ports: 'top 100',
      counts: emptyStateCounts(),
      error: null,
      hostCount: 0,
      resultCount: 0,
      request: expect.objectContaining({ topPorts: 100, timing: 3 }),
    });
    // nmap's -p- is written out in the history.
    expect(tempDb().getScan(tempDb().createScan(request({ ports: '-' })))?.ports).toBe('1-65535');
  });

  it('moves running <-> paused, finishes once, and never leaves a final status', () => {
    const id = tempDb().createScan(request());
    tempDb().setStatus(id, 'paused');
    expect(tempDb().getScan(id)?.status).toBe('paused');
    tempDb().setStatus(id, 'running');
    tempDb().finishScan(id, { status: 'completed', endedAt: 9000 });
    expect(tempDb().getScan(id)).toMatchObject({
      status: 'completed',
      endedAt: 9000,
      counts: emptyStateCounts(),
    });
    expect(() => tempDb().setStatus(id, 'running')).toThrow(/already completed/);
    expect(() => tempDb().setStatus(999 as ScanId, 'paused')).toThrow(PortholeError);
  });

  it('a scan that ended early counts what was committed, once per port', async () => {
    const id = tempDb().createScan(request());
    await write(id, results(1, 250));
    await write(id, results(1, 250)); // the same ports again: a late retry keeps one row
    tempDb().finishScan(id, {
      status: 'cancelled',
      counts: { open: 99, closed: 99, filtered: 99, error: 99 },
      endedAt: 1,
    });
    expect(tempDb().getScan(id)?.counts).toEqual({ open: 2, closed: 248, filtered: 0, error: 0 });
  });

  it('lists newest first, paged, filtered by text, status and date', () => {
    const ids: ScanId[] = [];
    for (let i = 0; i < 12; i++) {
      const id = tempDb().createScan(
        request({ targets: i % 2 ? `host-${i}.lab` : `10.0.0.${i}` }),
        {
          startedAt: 1000 * (i + 1),
        },
      );
      if (i % 3 === 0) done(id);
      ids.push(id);
    }
    const page = tempDb().listScans({ limit: 5 });
    expect(page.total).toBe(12);
    expect(page.scans.map((s) => s.id)).toEqual(ids.slice(7).reverse());
    expect(
      tempDb()
        .listScans({ offset: 10, limit: 5 })
        .scans.map((s) => s.id),
    ).toEqual([ids[1], ids[0]]);
    expect(tempDb().listScans({ text: 'LAB' }).total).toBe(6);
    expect(
      tempDb()
        .listScans({ text: '10.0.0.1' })
        .scans.map((s) => s.targets),
    ).toEqual(['10.0.0.10']);
    expect(tempDb().listScans({ text: '%' }).total).toBe(0); // literal, not a wildcard
    expect(tempDb().listScans({ status: 'completed' }).total).toBe(4);
    expect(tempDb().listScans({ status: ['completed', 'running'] }).total).toBe(12);
    expect(
      tempDb()
        .listScans({ from: 3000, to: 6000 })
        .scans.map((s) => s.startedAt),
    ).toEqual([5000, 4000, 3000]);
    expect(() => tempDb().listScans({ limit: 0 })).toThrow(InputError);
    expect(() => tempDb().listScans({ status: 'nope' as never })).toThrow(InputError);
  });

  it('deletes a finished scan with its hosts and results, and refuses a running one', async () => {
    const keep = tempDb().createScan(request());
    await write(keep);
    done(keep);
    const gone = tempDb().createScan(request());
    await write(gone, results(1, 5000, { host: '10.9.9.9' }));
    await expect(tempDb().deleteScan(gone)).rejects.toThrow(/running; cancel it before deleting/);
    done(gone);
    expect(await tempDb().deleteScan(gone)).toBe(true);
    expect(await tempDb().deleteScan(gone)).toBe(false);
    const count = (sql: string) => tempDb().sqlite.prepare(sql).pluck().get() as number;
    expect(count('SELECT count(*) FROM results')).toBe(500);
    expect(count('SELECT count(*) FROM hosts')).toBe(1);
    expect(tempDb().getScan(gone)).toBeNull();
  });

  it('never gives the id of a deleted scan to a new one, not even across a reopen', async () => {
    const first = tempDb().createScan(request());
    done(first);
    const newest = tempDb().createScan(request());
    done(newest);
    expect(await tempDb().deleteScan(newest)).toBe(true);
    const next = tempDb().createScan(request());
    expect(next).toBe(newest + 1);
    done(next);
    const file = tempDb().file;
    expect(await tempDb().deleteScan(next)).toBe(true);
    const reopened = openDatabase(file);
    try {
      expect(reopened.createScan(request())).toBe(next + 1);
    } finally {
      reopened.close();
    }
  });

  it('finds the previous scan of the same targets (as a set), skipping running ones', () => {
    const a = tempDb().createScan(request({ targets: '10.0.0.1, web.lab' }), { startedAt: 1000 });
    done(a);
    const other = tempDb().createScan(request({ targets: '10.0.0.2' }), { startedAt: 2000 });
    done(other);
    const running = tempDb().createScan(request({ targets: 'WEB.lab 10.0.0.1' }), {
      startedAt: 2500,
    });
    const b = tempDb().createScan(request({ targets: 'web.lab,10.0.0.1' }), { startedAt: 3000 });
    expect(tempDb().previousScanOf(b)).toBe(a);
    expect(tempDb().previousScanOf(a)).toBeNull();
    done(running, 'cancelled');
    expect(tempDb().previousScanOf(b)).toBe(running);
  });
});

describe('renameScan', () => {
  it('names a scan, trims the name, and clears it with null or blank text', () => {
    const id = tempDb().createScan(request({ targets: '10.0.0.0/24' }));
    done(id);
    expect(tempDb().renameScan(id, '  weekly lab  ')).toMatchObject({
      id,
      name: 'weekly lab',
      targets: '10.0.0.0/24',
      status: 'completed',
    });
    expect(tempDb().getScan(id)?.name).toBe('weekly lab');
    // The list's search looks at names too.
    expect(
      tempDb()
        .listScans({ text: 'WEEKLY' })
        .scans.map((s) => s.id),
    ).toEqual([id]);
    for (const cleared of [null, '', '   ']) {
      tempDb().renameScan(id, 'x');
      expect(tempDb().renameScan(id, cleared).name).toBeNull();
      expect(tempDb().getScan(id)?.name).toBeNull();
    }
  });

  it('renames a running scan, and the name outlives its end', async () => {
    const id = tempDb().createScan(request(), { name: 'first' });
    expect(tempDb().renameScan(id, 'second')).toMatchObject({ name: 'second', status: 'running' });
    await write(id);
    done(id);
    expect(tempDb().getScan(id)).toMatchObject({ name: 'second', status: 'completed' });
  });

  it('refuses a scan that is not in the history, naming it, and a name past 200 characters', () => {
    let refused: unknown;
    try {
      tempDb().renameScan(4242 as ScanId, 'lab');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(PortholeError);
    expect((refused as PortholeError).toData()).toEqual({
      kind: 'not-found',
      message: 'scan 4242 is not in the history',
      field: 'scanId',
    });
    const id = tempDb().createScan(request());
    expect(() => tempDb().renameScan(id, 'x'.repeat(201))).toThrow(InputError);
    expect(tempDb().getScan(id)?.name).toBeNull();
  });
});

describe('recovery at open', () => {
  /** The pid of a process that has exited. */
  function deadPid(): number {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    return Number(child.stdout);
  }

  it('interrupts scans whose process is gone, keeps their rows, recounts them', async () => {
    const dead = tempDb().createScan(request(), { startedAt: 1000 });
    await write(dead, results(1, 300));
    const paused = tempDb().createScan(request());
    tempDb().setStatus(paused, 'paused');
    const alive = tempDb().createScan(request());
    tempDb()
      .sqlite.prepare('UPDATE scans SET owner_pid = ? WHERE id IN (?, ?)')
      .run(deadPid(), dead, paused);
    const file = tempDb().file;
    tempDb().close();
    const again = openDatabase(file);
    expect([...again.recovered].sort()).toEqual([dead, paused].sort());
    expect(again.getScan(dead)).toMatchObject({
      status: 'interrupted',
      endedAt: 1_700_000_000_000 + 300,
      error: 'the process running this scan ended before it finished',
    });
    expect(again.getScan(paused)).toMatchObject({
      status: 'interrupted',
      endedAt: expect.any(Number),
    });
    // This process is alive: its scan is someone's scan in progress (the app while the CLI opens).
    expect(again.getScan(alive)?.status).toBe('running');
    again.close();
  });
});
