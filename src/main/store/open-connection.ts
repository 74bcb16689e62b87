import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { PortholeError } from '../../shared/errors';

export interface OpenOptions {
  /** A better-sqlite3 `.node` build for another ABI (the Electron app's); node_modules' by default. */
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
 * node_modules' (Node-ABI) build of the better-sqlite3 addon, by path: better-sqlite3 otherwise
 * finds it through the `bindings` package's search of a dozen paths, at every start of the CLI.
 */
function nodeSqliteBinding(): string {
  // Bundled output is CommonJS; under vitest/tsx the source may be an ES module.
  const here =
    typeof __filename === 'string' && isAbsolute(__filename)
      ? __filename
      : fileURLToPath(import.meta.url);
  const pkg = createRequire(here).resolve('better-sqlite3/package.json');
  return join(dirname(pkg), 'build', 'Release', 'better_sqlite3.node');
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
      nativeBinding: opts.nativeBinding ?? nodeSqliteBinding(),
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
