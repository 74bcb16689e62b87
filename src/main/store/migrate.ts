import type Database from 'better-sqlite3';
import { PortholeError } from '../../shared/errors';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

export const schemaVersion = (db: Database.Database): number =>
  db.pragma('user_version', { simple: true }) as number;

/** A database from a newer Porthole has tables this build does not know: refuse it, touch nothing. */
export function assertKnownVersion(db: Database.Database, file: string): number {
  const version = schemaVersion(db);
  if (version > LATEST_VERSION) {
    throw new PortholeError(
      'storage',
      `${file}: the history database has schema version ${version}, newer than this Porthole ` +
        `knows (${LATEST_VERSION}); use a newer Porthole or another --db file`,
      'db',
    );
  }
  return version;
}

/** Tables every Porthole history has had since version 1. */
const CORE_TABLES = ['scans', 'hosts', 'results'];

/**
 * An SQLite file of another program is not a history to migrate into: refuse it before anything
 * is written, and name what it holds. Ours has no tables at version 0 (new) and the core tables
 * from version 1 on; anything else, whatever its user_version says, belongs to someone else.
 */
export function assertPortholeFile(db: Database.Database, file: string): void {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  const ours =
    schemaVersion(db) === 0
      ? tables.length === 0
      : CORE_TABLES.every((table) => tables.includes(table));
  if (ours) return;
  const shown =
    tables.length === 0
      ? 'no tables'
      : `tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}`;
  throw new PortholeError(
    'storage',
    `${file} is an SQLite database of another program (${shown}), not a Porthole history; ` +
      'it was left untouched',
    'db',
  );
}

/**
 * Applies migrations user_version+1 .. latest, each in its own transaction with its version bump,
 * so a crash between two leaves a database at a known version. Returns the versions applied.
 */
export function migrate(db: Database.Database, file: string): number[] {
  const applied: number[] = [];
  for (;;) {
    const version = assertKnownVersion(db, file);
    if (version === LATEST_VERSION) return applied;
    const next = version + 1;
    const sql = MIGRATIONS[version];
    if (sql === undefined) throw new PortholeError('internal', `no migration to version ${next}`);
    db.transaction(() => {
      db.exec(sql);
      // PRAGMA takes no bound parameters; `next` is our own integer.
      db.pragma(`user_version = ${next}`);
    }).immediate();
    applied.push(next);
  }
}
