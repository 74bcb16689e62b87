import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PortholeError } from '../../shared/errors';

export interface OpenOptions {
  /** A better-sqlite3 `.node` build for another ABI (the Electron app's). */
  nativeBinding?: string;
  /** Read the history only: no migrations, no recovery, nothing written. */
  readonly?: boolean;
}

const sqliteCode = (error: unknown): string | undefined =>
  (error as { code?: unknown }).code as string | undefined;

/** Turns what SQLite says about a file into a message naming that file. */
export function storageError(file: string, error: unknown): PortholeError {
  const code = sqliteCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const message =
    code === 'SQLITE_NOTADB'
      ? `${file} is not a Porthole history database (not an SQLite file); it was left untouched`
      : code === 'SQLITE_READONLY' || code === 'EPERM' || code === 'EACCES' || code === 'EROFS'
        ? `${file} is read-only; Porthole cannot record scans there (${detail})`
        : code === 'SQLITE_CANTOPEN'
          ? `${file} cannot be opened (${detail})`
          : `${file}: ${detail}`;
  return new PortholeError('storage', message, 'db', { cause: error });
}

/**
 * Opens the connection and proves it is usable before changing anything: the first statement is a
 * read, so a file that is not SQLite fails before a single byte of it could be rewritten.
 */
export function openConnection(file: string, opts: OpenOptions): Database.Database {
  const readonly = opts.readonly ?? false;
  if (!readonly) {
    mkdirSync(dirname(file), { recursive: true });
    // Root writes through mode bits; an immutable file (chattr +i) or a read-only mount says EPERM/EROFS.
    if (existsSync(file)) {
      try {
        accessSync(file, constants.W_OK);
      } catch (error) {
        throw storageError(file, error);
      }
    }
  }
  let db: Database.Database;
  try {
    db = new Database(file, {
      readonly,
      fileMustExist: readonly,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
  } catch (error) {
    throw storageError(file, error);
  }
  try {
    db.pragma('schema_version', { simple: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw storageError(file, error);
  }
  return db;
}

/**
 * Settings that write to the file (WAL changes its header), applied only once the schema version
 * is known to be one this build can handle.
 */
export function configureForWriting(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL: a committed transaction survives a process crash; only power loss may undo the last ones.
  db.pragma('synchronous = NORMAL');
  // Checkpoints run between writer transactions (see CheckpointScheduler), never inside a commit.
  db.pragma('wal_autocheckpoint = 0');
}
