import type { AppInfo } from '../shared/app-info';
import { defaultDatabaseFile } from './paths';
import { createDispatcher, type Dispatch } from './rpc/dispatcher';
import { EventHub } from './rpc/event-hub';
import { openDatabase, type HistoryDb } from './store/database';
import { APP_VERSION } from './version';

export interface PortholeOptions {
  transport: AppInfo['transport'];
  databaseFile?: string;
  /** The Electron app passes its Electron-ABI better-sqlite3 build; Node uses the default. */
  nativeBinding?: string;
}

/** Porthole's main-side core, the same under Electron IPC and the loopback browser host. */
export interface Porthole {
  db: HistoryDb;
  dispatch: Dispatch;
  events: EventHub;
  close(): Promise<void>;
}

export function openPorthole(options: PortholeOptions): Porthole {
  const databaseFile = options.databaseFile ?? defaultDatabaseFile();
  const db = openDatabase(databaseFile, { nativeBinding: options.nativeBinding });
  const events = new EventHub();
  const dispatch = createDispatcher({
    getAppInfo: () => ({
      name: 'Porthole',
      version: APP_VERSION,
      transport: options.transport,
      databaseFile,
      sqliteVersion: db.sqliteVersion(),
    }),
  });
  return {
    db,
    dispatch,
    events,
    async close() {
      db.close();
    },
  };
}
