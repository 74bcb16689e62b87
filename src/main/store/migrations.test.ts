import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PortholeError } from '../../shared/errors';
import { openDatabase } from './database';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { request, results, tempDir } from './test-support';
import { createResultWriter } from './writer';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});

function file(): string {
  const t = tempDir();
  cleanup.push(t.remove);
  return join(t.dir, 'porthole.db');
}

/** A database at `version`, made by hand with the SQL of migrations 1..version, plus one scan of data. */
function databaseAt(path: string, version: number): void {
  const db = new Database(path);
  for (const sql of MIGRATIONS.slice(0, version)) db.exec(sql);
  db.pragma(`user_version = ${version}`);
  if (version >= 1) {
    db.prepare(
      `INSERT INTO scans (id, status, started_at, ended_at, request_json, targets, targets_key, ports, open_count, closed_count)
       VALUES (1, 'completed', 1000, 2000, ?, '127.0.0.1', '127.0.0.1', '1-2', 1, 1)`,
    ).run(JSON.stringify(request({ ports: '1-2' })));
    db.prepare(
      `INSERT INTO hosts (id, scan_id, address, sort_key) VALUES (1, 1, '127.0.0.1', x'00')`,
    ).run();
    db.prepare(
      `INSERT INTO results (scan_id, host_id, port, protocol, state, reason, scanned_at)
       VALUES (1, 1, 1, 'tcp', 'open', 'syn-ack', 1500), (1, 1, 2, 'tcp', 'closed', 'conn-refused', 1500)`,
    ).run();
  }
  db.close();
}

describe('migrations', () => {
  it('numbers every migration and knows the latest version', () => {
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(2);
  });

  for (let from = 0; from < LATEST_VERSION; from++) {
    it(`migrates a version ${from} database to ${LATEST_VERSION}, keeping its data`, async () => {
      const path = file();
      databaseAt(path, from);
      const db = openDatabase(path);
      try {
        expect(db.schemaVersion()).toBe(LATEST_VERSION);
        if (from >= 1) {
          const scan = db.getScan(1 as never);
          expect(scan?.counts).toEqual({ open: 1, closed: 1, filtered: 0, error: 0 });
          expect(db.getResults(scan!.id).rows.map((r) => r.port)).toEqual([1, 2]);
        }
        // Everything works on the migrated schema: profiles (v2), writing and reading results.
        db.saveProfile('quick', { targets: 'localhost', ports: '22' });
        expect(db.listProfiles().map((p) => p.name)).toEqual(['quick']);
        const id = db.createScan(request());
        const writer = createResultWriter(db, id);
        writer.write(results(1, 10));
        await writer.close();
        await expect(writer.completion).resolves.toMatchObject({ rows: 10 });
        expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
      } finally {
        db.close();
      }
    });
  }

  it('refuses a database newer than it knows, names the versions, and leaves the file as it was', () => {
    const path = file();
    databaseAt(path, LATEST_VERSION);
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 7}`);
    raw.close();
    const before = readFileSync(path);
    let error: unknown;
    try {
      openDatabase(path).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PortholeError);
    expect((error as PortholeError).kind).toBe('storage');
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain(`schema version ${LATEST_VERSION + 7}`);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('applies each migration atomically with its version', () => {
    const path = file();
    databaseAt(path, 1);
    // A half-made v2 (its table already there) makes migration 2 fail: the version must stay 1.
    const raw = new Database(path);
    raw.exec('CREATE TABLE profiles (x)');
    raw.close();
    expect(() => openDatabase(path)).toThrow(PortholeError);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    check.close();
  });
});
