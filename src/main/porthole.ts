import { loadNativeProber } from './engine/native-prober';
import type { AppInfo } from '../shared/app-info';
import { createHandlers } from './api/handlers';
import { noExportTarget, type ExportTarget } from './export/export-target';
import { defaultDatabaseFile } from './paths';
import { createDispatcher, type Dispatch } from './rpc/dispatcher';
import { EventHub } from './rpc/event-hub';
import { SessionRegistry } from './session/session-registry';
import { openDatabase, type HistoryDb } from './store/database';
import { APP_VERSION } from './version';

export interface PortholeOptions {
  transport: AppInfo['transport'];
  databaseFile?: string;
  /** The Electron app passes its Electron-ABI better-sqlite3 build; Node uses the default. */
  nativeBinding?: string;
  /**
   * Where exports go: the Electron app's save dialog, or the browser host's downloads. Without
   * one, exportScan and exportDiff answer that exports are not available.
   */
  exportTarget?: ExportTarget;
}

/** Porthole's main-side core, the same under Electron IPC and the loopback browser host. */
export interface Porthole {
  db: HistoryDb;
  sessions: SessionRegistry;
  dispatch: Dispatch;
  events: EventHub;
  /** The quit path: running scans commit what they probed and end `cancelled`, then the file closes. */
  close(): Promise<void>;
}

export function openPorthole(options: PortholeOptions): Porthole {
  const databaseFile = options.databaseFile ?? defaultDatabaseFile();
  const db = openDatabase(databaseFile, { nativeBinding: options.nativeBinding });
  const events = new EventHub();
  const sessions = new SessionRegistry(db, events);
  const dispatch = createDispatcher(
    createHandlers({
      db,
      sessions,
      exportTarget: options.exportTarget ?? noExportTarget,
      appInfo: () => ({
        name: 'Porthole',
        version: APP_VERSION,
        transport: options.transport,
        databaseFile,
        sqliteVersion: db.sqliteVersion(),
        prober: loadNativeProber() !== null ? 'native' : 'js',
      }),
    }),
  );
  let closing: Promise<void> | null = null;
  return {
    db,
    sessions,
    dispatch,
    events,
    close() {
      closing ??= sessions.cancelAll().finally(() => db.close());
      return closing;
    },
  };
}
