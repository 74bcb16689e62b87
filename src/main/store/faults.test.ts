import { spawn, spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PortholeError } from '../../shared/errors';
import { openDatabase } from './database';
import { sequenceResult } from './fixtures/sequence';
import { request, results, tempDir } from './test-support';
import { createResultWriter } from './writer';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});

function dir(): string {
  const t = tempDir('porthole-faults-');
  cleanup.push(t.remove);
  return t.dir;
}

const isRoot = process.getuid?.() === 0;

/** chattr +i needs root and a file system that supports it (tmpfs does not). */
function immutableWorks(): boolean {
  if (!isRoot) return false;
  const probe = join(dir(), 'probe');
  writeFileSync(probe, 'x');
  const set = spawnSync('chattr', ['+i', probe]);
  spawnSync('chattr', ['-i', probe]);
  return set.status === 0;
}
const canImmutable = immutableWorks();
const chattr = (flag: '+i' | '-i', ...files: string[]): void => {
  const run = spawnSync('chattr', [flag, ...files], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`chattr ${flag}: ${run.stderr}`);
};

const rowsOf = (file: string, scanId: number): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare('SELECT count(*) FROM results WHERE scan_id = ?')
      .pluck()
      .get(scanId) as number;
  } finally {
    db.close();
  }
};

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function caughtSync(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('fault: a file that is not an SQLite database', () => {
  for (const [what, bytes] of [
    ['text', Buffer.from('host,port\n127.0.0.1,22\n'.repeat(200))],
    ['random bytes', randomFillSync(Buffer.alloc(8192))],
  ] as const) {
    it(`(${what}) fails with a message naming the file and leaves it byte for byte`, () => {
      const file = join(dir(), 'notes.db');
      writeFileSync(file, bytes);
      const error = caughtSync(() => openDatabase(file));
      expect(error).toBeInstanceOf(PortholeError);
      expect((error as PortholeError).kind).toBe('storage');
      expect(error.message).toBe(
        `${file} is not a Porthole history database (not an SQLite file); it was left untouched`,
      );
      expect(readFileSync(file).equals(bytes)).toBe(true);
      expect(existsSync(`${file}-wal`)).toBe(false);
    });
  }
});

describe('fault: an SQLite database of another program', () => {
  it('is refused, for writing and for reading, naming its tables; the file stays byte for byte', () => {
    const file = join(dir(), 'bookmarks.sqlite');
    const other = new Database(file);
    other.exec(
      `CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('http://127.0.0.1/')`,
    );
    other.close();
    const bytes = readFileSync(file);
    for (const opts of [{}, { readonly: true }]) {
      const error = caughtSync(() => openDatabase(file, opts));
      expect(error).toBeInstanceOf(PortholeError);
      expect((error as PortholeError).kind).toBe('storage');
      expect(error.message).toBe(
        `${file} is an SQLite database of another program (tables: bookmarks), not a Porthole history; it was left untouched`,
      );
    }
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  for (const version of [1, 3, 7]) {
    it(`is refused when its user_version says ${version} but it lacks our tables`, () => {
      const file = join(dir(), `other-v${version}.sqlite`);
      const other = new Database(file);
      other.exec('CREATE TABLE foo (x)');
      other.pragma(`user_version = ${version}`);
      other.close();
      const bytes = readFileSync(file);
      const error = caughtSync(() => openDatabase(file));
      expect(error.message).toBe(
        `${file} is an SQLite database of another program (tables: foo), not a Porthole history; it was left untouched`,
      );
      expect(readFileSync(file).equals(bytes)).toBe(true);
    });
  }
});

describe.skipIf(!canImmutable)('fault: a read-only database (chattr +i; needs root)', () => {
  it('refuses to open it for writing, naming the file; reading still works; nothing lost', async () => {
    const file = join(dir(), 'porthole.db');
    const db = openDatabase(file);
    const id = db.createScan(request());
    const writer = createResultWriter(db, id);
    writer.write(results(1, 1000));
    await writer.close();
    await expect(writer.completion).resolves.toMatchObject({ rows: 1000 });
    db.close();
    const before = readFileSync(file);
    chattr('+i', file);
    try {
      const error = caughtSync(() => openDatabase(file));
      expect(error).toBeInstanceOf(PortholeError);
      expect((error as PortholeError).kind).toBe('storage');
      expect(error.message).toMatch(
        new RegExp(`^${file} is read-only; Porthole cannot record scans there`),
      );
      const reader = openDatabase(file, { readonly: true });
      try {
        expect(reader.getScan(id)?.resultCount).toBe(1000);
      } finally {
        reader.close();
      }
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      chattr('-i', file);
    }
    expect(rowsOf(file, id)).toBe(1000);
  });

  it('a database made read-only during a scan fails the writer with the SQLite error; committed rows stay', async () => {
    const file = join(dir(), 'porthole.db');
    const db = openDatabase(file);
    const id = db.createScan(request());
    const writer = createResultWriter(db, id, { maxRows: 500 });
    writer.write(results(1, 2000));
    // Wait for the commits themselves, not a fixed time: the machine is shared and noisy.
    for (let waited = 0; writer.committed < 2000 && waited < 5000; waited += 10) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const committed = writer.committed;
    expect(committed).toBe(2000);
    // New frames go to the WAL: making both files immutable is a disk that stopped taking writes.
    chattr('+i', file, `${file}-wal`);
    try {
      writer.write(results(2001, 4000));
      const error = await caught(writer.completion);
      expect((error as { code?: string }).code).toMatch(/^SQLITE_(IOERR|READONLY)/);
      expect(writer.failed).toBe(error);
      expect(() => writer.write(results(4001, 4001))).toThrow(error);
      await writer.close(); // settles, never hangs
    } finally {
      chattr('-i', file, `${file}-wal`);
    }
    db.close();
    expect(rowsOf(file, id)).toBe(committed);
  });
});

describe('fault: a full database (PRAGMA max_page_count)', () => {
  it('rejects completion with SQLITE_FULL, refuses later writes with it, keeps committed rows', async () => {
    const file = join(dir(), 'porthole.db');
    const db = openDatabase(file);
    const id = db.createScan(request({ targets: '127.0.0.1-20' }));
    const pages = db.sqlite.pragma('page_count', { simple: true }) as number;
    db.sqlite.pragma(`max_page_count = ${pages + 60}`);
    const writer = createResultWriter(db, id, { maxRows: 200 });
    for (let host = 1; host <= 20; host++) {
      writer.write(results(1, 5000, { host: `127.0.0.${host}`, banner: 'x'.repeat(40) }));
      await new Promise((r) => setImmediate(r));
      if (writer.failed) break;
    }
    const error = await caught(writer.completion);
    expect((error as { code?: string }).code).toBe('SQLITE_FULL');
    expect(error.message).toBe('database or disk is full');
    expect(() => writer.write(results(1, 1))).toThrow(error);
    await writer.close();
    const committed = writer.committed;
    expect(committed).toBeGreaterThan(0);
    // The scan can still be marked failed with the real cause, and counts what was committed.
    db.finishScan(id, {
      status: 'failed',
      endedAt: Date.now(),
      error: error.message,
    });
    db.close();
    expect(rowsOf(file, id)).toBe(committed);
    const again = openDatabase(file);
    try {
      const scan = again.getScan(id);
      expect(scan?.status).toBe('failed');
      expect(scan?.error).toBe('database or disk is full');
      expect(scan?.resultCount).toBe(committed);
      expect(again.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      again.close();
    }
  });
});

describe('fault: the process is killed (SIGKILL) in the middle of a scan', () => {
  it('reopens with the scan interrupted and every reported commit present, in order', async () => {
    const file = join(dir(), 'porthole.db');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'fixtures', 'crash-writer.ts'), file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let scanId = 0;
    let reported = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const [word, value] = line.split(' ');
          if (word === 'scan') scanId = Number(value);
          if (word === 'committed') reported = Number(value);
        }
        if (reported >= 20_000 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`child ended on its own: ${stderr}`)));
    }).catch((e: unknown) => {
      if (reported < 20_000) throw e;
    });
    expect(await exited).toBe('SIGKILL');

    const db = openDatabase(file);
    try {
      expect(db.recovered).toContain(scanId);
      const scan = db.getScan(scanId as never);
      expect(scan?.status).toBe('interrupted');
      const rows = db.sqlite
        .prepare(
          `SELECT h.address, r.port, r.state, r.banner, r.scanned_at FROM results r
           JOIN hosts h ON h.id = r.host_id WHERE r.scan_id = ? ORDER BY r.scanned_at`,
        )
        .raw(true)
        .all(scanId) as [string, number, string, string | null, number][];
      // At least what the child saw committed; possibly one commit more (killed before reporting it).
      expect(rows.length).toBeGreaterThanOrEqual(reported);
      expect(rows.length).toBeLessThanOrEqual(reported + 700);
      // Exactly a prefix of the sequence: no gaps, no torn transaction.
      rows.forEach((row, i) => {
        const expected = sequenceResult(i);
        expect(row).toEqual([
          expected.host,
          expected.port,
          expected.state,
          expected.banner,
          expected.scannedAt,
        ]);
      });
      const open = rows.filter((r) => r[2] === 'open').length;
      expect(scan?.counts).toEqual({ open, closed: rows.length - open, filtered: 0, error: 0 });
      expect(scan?.endedAt).toBe(rows[rows.length - 1]?.[4]);
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
