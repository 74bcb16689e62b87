import { defaultDatabaseFile } from '../paths';
import { openDatabase, type HistoryDb } from '../store/database';

/** Opens the history file a command was pointed at (--db, else $PORTHOLE_DB, else the app's). */
export function openHistoryFile(db: string | undefined): HistoryDb {
  return openDatabase(db ?? defaultDatabaseFile());
}

/** Runs `work` with the database open, and closes it on every path. */
export async function withHistory<T>(
  db: string | undefined,
  work: (history: HistoryDb) => T | Promise<T>,
): Promise<T> {
  const history = openHistoryFile(db);
  try {
    return await work(history);
  } finally {
    history.close();
  }
}
