import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressFrame, ScanFinished } from '../../shared/progress';
import { InputError } from '../../shared/errors';
import { forEachRunPort } from '../../shared/port-map';
import { openDatabase, type HistoryDb } from '../store/database';
import { closedPort, listen } from '../testing/listeners';
import { ScanSession } from './scan-session';

let dir: string;
let db: HistoryDb;
let listeners: Awaited<ReturnType<typeof listen>>[];
let closed: number;

beforeAll(async () => {
  listeners = await Promise.all([listen(), listen(), listen()]);
  closed = await closedPort();
});
afterAll(async () => {
  await Promise.all(listeners.map((l) => l.close()));
});

let n = 0;
const freshDb = () => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-session-'));
  db = openDatabase(join(dir, `s${++n}.db`));
  return db;
};
afterEach(() => {
  if (db?.isOpen) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rowCount = (id: number) =>
  (
    db.sqlite.prepare('SELECT count(*) AS n FROM results WHERE scan_id = ?').get(id) as {
      n: number;
    }
  ).n;

describe('ScanSession', () => {
  it('completes only after the writer committed every result, with frames ending at done = total', async () => {
    freshDb();
    const frames: ProgressFrame[] = [];
    const finished: ScanFinished[] = [];
    const openPorts = listeners.map((l) => l.port);
    const session = await ScanSession.start(
      { targets: '127.0.0.1', ports: `${openPorts.join(',')},${closed},1-2000` },
      { db, onProgress: (f) => frames.push(f), onFinished: (f) => finished.push(f) },
    );
    expect(db.getScan(session.id!)?.status).toBe('running');
    const outcome = await session.outcome;
    const total = session.plan.totalProbes;
    expect(outcome.status).toBe('completed');
    expect(outcome.counts.open + outcome.counts.closed).toBe(total);
    // Committed before `completed` was written, never after.
    expect(rowCount(session.id!)).toBe(total);
    const stored = db.getScan(session.id!)!;
    expect(stored.status).toBe('completed');
    expect(stored.counts).toEqual(outcome.counts);
    expect(stored.endedAt).not.toBeNull();
    const last = frames.at(-1)!;
    expect(last.done).toBe(total);
    expect(last.status).toBe('completed');
    expect(finished).toHaveLength(1);
    // Every open port is reported in exactly one frame; frames are batched, not one per probe.
    const reported = frames.flatMap((f) => f.newOpen.map((r) => r.port)).sort((a, b) => a - b);
    expect(new Set(reported).size).toBe(reported.length);
    for (const port of openPorts) expect(reported).toContain(port);
    expect(frames.length).toBeLessThan(total / 10);
  });

  it('throttles frames to about 20 a second during a long scan', async () => {
    freshDb();
    const frames: ProgressFrame[] = [];
    const session = await ScanSession.start(
      { targets: '127.0.0.1', ports: '1-3000', rate: 3000 },
      { db, onProgress: (f) => frames.push(f) },
    );
    const outcome = await session.outcome;
    expect(outcome.status).toBe('completed');
    const seconds = outcome.durationMs / 1000;
    // At most one frame per 50 ms, plus the final one (a ceiling, not a timing assertion).
    expect(frames.length).toBeLessThanOrEqual(Math.ceil(seconds * 20) + 2);
    expect(frames.length).toBeGreaterThan(2);
  });

  it('maps every probed port exactly once across its frames when asked for a port map', async () => {
    freshDb();
    const frames: ProgressFrame[] = [];
    const session = await ScanSession.start(
      { targets: '127.0.0.1', ports: `1-3000,${listeners[0]!.port}`, order: 'random' },
      { db, portMap: true, onProgress: (f) => frames.push(f) },
    );
    await session.outcome;
    const states = new Map<number, string[]>();
    for (const frame of frames) {
      for (const host of frame.settled) {
        expect(host.host).toBe('127.0.0.1');
        forEachRunPort(host.runs, (port, state) =>
          states.set(port, [...(states.get(port) ?? []), state]),
        );
      }
    }
    expect(states.size).toBe(session.plan.totalProbes);
    expect([...states.values()].every((list) => list.length === 1)).toBe(true);
    expect(states.get(listeners[0]!.port)).toEqual(['open']);
  });

  it('on a writer failure stops the engine and ends failed with the real SQLite error', async () => {
    freshDb();
    const pages = db.sqlite.pragma('page_count', { simple: true }) as number;
    const session = await ScanSession.start(
      { targets: '127.0.0.1', ports: '1-65535' },
      { db, writer: { maxRows: 200 } },
    );
    // The scan row exists; now the disk "fills up" for everything after it.
    db.sqlite.pragma(`max_page_count = ${pages + 8}`);
    const outcome = await session.outcome;
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toBe('database or disk is full');
    expect(session.tracker.done).toBeLessThan(65535);
    db.sqlite.pragma('max_page_count = 1073741823');
    const stored = db.getScan(session.id!)!;
    expect(stored.status).toBe('failed');
    expect(stored.error).toBe('database or disk is full');
    expect(stored.resultCount).toBe(rowCount(session.id!));
  });

  it('cancel commits what was probed and ends cancelled; the outcome settles once', async () => {
    freshDb();
    const session = await ScanSession.start(
      { targets: '127.0.0.1', ports: '1-65535', rate: 2000 },
      { db },
    );
    await new Promise((r) => setTimeout(r, 400));
    const a = await session.cancel();
    expect(a.status).toBe('cancelled');
    // Cancelling again, after the end, changes nothing and does not hang.
    expect((await session.cancel()).status).toBe('cancelled');
    expect(session.currentStatus).toBe('cancelled');
    const stored = db.getScan(session.id!)!;
    expect(stored.status).toBe('cancelled');
    const rows = rowCount(session.id!);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(65535);
    expect(rows).toBe(session.tracker.done);
  });

  it('pauses and resumes, recording paused in the history while it waits', async () => {
    freshDb();
    const session = await ScanSession.start(
      { targets: '127.0.0.1', ports: '1-4000', rate: 4000 },
      { db },
    );
    await new Promise((r) => setTimeout(r, 200));
    session.pause();
    expect(db.getScan(session.id!)!.status).toBe('paused');
    await new Promise((r) => setTimeout(r, 300)); // probes already in flight may still land
    const held = session.tracker.done;
    await new Promise((r) => setTimeout(r, 500));
    expect(session.tracker.done).toBe(held);
    session.resume();
    expect(db.getScan(session.id!)!.status).toBe('running');
    expect((await session.outcome).status).toBe('completed');
    expect(rowCount(session.id!)).toBe(4000);
  });

  it('cancels a paused scan without probing more, and stores it cancelled', async () => {
    freshDb();
    const session = await ScanSession.start(
      { targets: '127.0.0.1', ports: '1-20000', rate: 5000 },
      { db },
    );
    await new Promise((r) => setTimeout(r, 200));
    session.pause();
    const outcome = await session.cancel();
    expect(outcome.status).toBe('cancelled');
    expect(db.getScan(session.id!)!.status).toBe('cancelled');
    expect(rowCount(session.id!)).toBe(session.tracker.done);
    expect(session.tracker.done).toBeLessThan(20000);
  });

  it('a listener that throws fails neither the scan nor the process', async () => {
    freshDb();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const session = await ScanSession.start(
        { targets: '127.0.0.1', ports: '1-500' },
        {
          db,
          onProgress: () => {
            throw new Error('listener bug');
          },
          onFinished: () => {
            throw new Error('listener bug');
          },
        },
      );
      expect((await session.outcome).status).toBe('completed');
      expect(db.getScan(session.id!)!.status).toBe('completed');
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      console.error = original;
    }
  });

  it('stores and reports each port once when a target is given twice', async () => {
    freshDb();
    const session = await ScanSession.start(
      { targets: '127.0.0.1 127.0.0.1', ports: `${listeners[0]!.port},${closed}` },
      { db },
    );
    const outcome = await session.outcome;
    expect(rowCount(session.id!)).toBe(2);
    expect(outcome.counts).toEqual({ open: 1, closed: 1, filtered: 0, error: 0 });
    expect(db.getScan(session.id!)!.counts).toEqual(outcome.counts);
  });

  it('runs several sessions at once over one connection', async () => {
    freshDb();
    const sessions = await Promise.all(
      [1, 2, 3].map((i) =>
        ScanSession.start(
          { targets: '127.0.0.1', ports: `${i * 1000}-${i * 1000 + 1999}` },
          { db },
        ),
      ),
    );
    const outcomes = await Promise.all(sessions.map((s) => s.outcome));
    for (const [i, s] of sessions.entries()) {
      expect(outcomes[i]!.status).toBe('completed');
      expect(rowCount(s.id!)).toBe(2000);
    }
  });

  it('refuses bad input before anything is stored', async () => {
    freshDb();
    await expect(
      ScanSession.start({ targets: '127.0.0.1', ports: '0-10' }, { db }),
    ).rejects.toThrow(InputError);
    await expect(ScanSession.start({ targets: 'bad..host', ports: '80' }, { db })).rejects.toThrow(
      /bad\.\.host/,
    );
    expect(db.listScans().total).toBe(0);
  });

  it('keeps results in memory only when given no database', async () => {
    const frames: ProgressFrame[] = [];
    const session = await ScanSession.start(
      { targets: '127.0.0.1', ports: `${listeners[0]!.port}` },
      { db: null, onProgress: (f) => frames.push(f) },
    );
    const outcome = await session.outcome;
    expect(session.id).toBeNull();
    expect(outcome.status).toBe('completed');
    expect(outcome.counts.open).toBe(1);
    expect(frames.flatMap((f) => f.newOpen)).toHaveLength(1);
  });
});
