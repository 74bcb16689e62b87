import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError, isPortholeError } from '../../shared/errors';
import { defaultDatabaseFile } from '../paths';
import type { HistoryDb } from '../store/database';

/** The --db option, the same on every command that reads or writes the history. */
export const DB_FLAG = [
  '--db <file>',
  'history database (default: the desktop app’s, or $PORTHOLE_DB)',
] as const;

export interface HistoryFile {
  readonly file: string;
  /** Named by the person (--db or $PORTHOLE_DB), not the app's default. */
  readonly chosen: boolean;
  /** What errors about the file name: the flag, the variable, or the history itself. */
  readonly label: string;
}

/**
 * The history file a command works on: --db, else $PORTHOLE_DB, else the desktop app's. A file the
 * person named must be in a folder that exists: a typo must not create folders (the app's own
 * folder is created on first use).
 */
export function historyFile(flag: string | undefined, env = process.env): HistoryFile {
  const chosen = flag !== undefined || Boolean(env.PORTHOLE_DB);
  const label = flag !== undefined ? '--db' : chosen ? 'PORTHOLE_DB' : 'history';
  const file = flag ?? defaultDatabaseFile(env);
  if (flag !== undefined && flag.trim() === '') throw new InputError(label, 'give a file name');
  const folder = dirname(file);
  if (chosen && !existsSync(folder)) {
    throw new InputError(label, `the folder of ${file} does not exist`);
  }
  if (chosen && !statSync(folder).isDirectory()) {
    throw new InputError(label, `${folder} is a file, not a folder`);
  }
  return { file, chosen, label };
}

const READ_ONLY_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY']);

const isReadOnly = (error: unknown): boolean =>
  isPortholeError(error) &&
  READ_ONLY_CODES.has(String((error.cause as { code?: unknown } | undefined)?.code));

/**
 * Runs `work` on the history a command was pointed at, and closes it on every path. Commands that
 * only read (`write: false`) still work on a file they may not write, and on a history that does
 * not exist yet (an empty one), but a file the person named must exist. The store loads on use,
 * keeping `--help` quick.
 */
export async function withHistory<T>(
  flag: string | undefined,
  work: (history: HistoryDb) => T | Promise<T>,
  { write }: { write: boolean },
): Promise<T> {
  const { file, chosen, label } = historyFile(flag);
  if (!existsSync(file) && (chosen || write)) {
    throw new InputError(label, `there is no history database at ${file}`);
  }
  const { openDatabase } = await import('../store/database');
  const history = openHistoryFile(openDatabase, existsSync(file) ? file : ':memory:', write);
  try {
    return await work(history);
  } finally {
    history.close();
  }
}

function openHistoryFile(
  open: typeof import('../store/database').openDatabase,
  file: string,
  write: boolean,
): HistoryDb {
  try {
    return open(file);
  } catch (error) {
    // Reading needs no write access: recovery and migrations wait for a writable open.
    if (!write && isReadOnly(error)) return open(file, { readonly: true });
    throw error;
  }
}
