import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PortholeError } from '../../shared/errors';
import { openDatabase } from './database';
import { LATEST_VERSION } from './migrations';
import { request, tempDir } from './test-support';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});

function dir(): string {
  const t = tempDir();
  cleanup.push(t.remove);
  return t.dir;
}

describe('openDatabase', () => {
  it('creates the folders and the file, in WAL mode, with foreign keys and a busy timeout', () => {
    const file = join(dir(), 'a', 'b', 'porthole.db');
    const db = openDatabase(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.schemaVersion()).toBe(LATEST_VERSION);
      expect(db.sqliteVersion()).toMatch(/^3\.\d+\.\d+$/);
    } finally {
      db.close();
    }
  });

  it('opens an existing history again and keeps its scans', () => {
    const file = join(dir(), 'porthole.db');
    const first = openDatabase(file);
    const id = first.createScan(request());
    first.finishScan(id, {
      status: 'completed',
      endedAt: Date.now(),
    });
    first.close();
    const again = openDatabase(file);
    try {
      expect(again.getScan(id)?.status).toBe('completed');
    } finally {
      again.close();
    }
  });

  it('opens read-only for reading, and refuses to write', () => {
    const file = join(dir(), 'porthole.db');
    const writable = openDatabase(file);
    const id = writable.createScan(request());
    writable.close();
    const db = openDatabase(file, { readonly: true });
    try {
      expect(db.getScan(id)?.id).toBe(id);
      expect(() => db.createScan(request())).toThrow(/readonly/);
    } finally {
      db.close();
    }
  });

  it('read-only open of a missing file is a storage error naming the file', () => {
    const file = join(dir(), 'missing.db');
    expect(() => openDatabase(file, { readonly: true })).toThrow(PortholeError);
    expect(() => openDatabase(file, { readonly: true })).toThrow(file);
    expect(existsSync(file)).toBe(false);
  });

  it('loads the better-sqlite3 build it is given (the Electron app passes its own)', () => {
    const binding = createRequire(__filename).resolve(
      'better-sqlite3/build/Release/better_sqlite3.node',
    );
    const db = openDatabase(join(dir(), 'porthole.db'), { nativeBinding: binding });
    db.close();
    expect(() =>
      openDatabase(join(dir(), 'x.db'), { nativeBinding: '/nonexistent/b.node' }),
    ).toThrow(/x\.db/);
  });

  it('close is idempotent', () => {
    const db = openDatabase(join(dir(), 'porthole.db'));
    db.close();
    expect(() => db.close()).not.toThrow();
    expect(db.isOpen).toBe(false);
  });
});
