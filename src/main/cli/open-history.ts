import { defaultDatabaseFile } from '../paths';
import type { HistoryDb } from '../store/database';

/** The --db option, the same on every command that reads or writes the history. */
export const DB_FLAG = [
  '--db <file>',
  'history database (default: the desktop app’s, or $PORTHOLE_DB)',
] as const;

/**
 * Runs `work` on the history file a command was pointed at (--db, else $PORTHOLE_DB, else the
 * app's), and closes it on every path. The store loads on use, keeping `--help` quick.
 */
export async function withHistory<T>(
  db: string | undefined,
  work: (history: HistoryDb) => T | Promise<T>,
): Promise<T> {
  const { openDatabase } = await import('../store/database');
  const history = openDatabase(db ?? defaultDatabaseFile());
  try {
    return await work(history);
  } finally {
    history.close();
  }
}
