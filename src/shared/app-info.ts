/** What the app says about itself: shown in the window, proving the whole main -> renderer path. */
export interface AppInfo {
  name: 'Porthole';
  version: string;
  /** Which transport carried this answer. */
  transport: 'electron' | 'websocket';
  /** The history database file this process uses. */
  databaseFile: string;
  /** SQLite library version, read from the open database. */
  sqliteVersion: string;
  /** What probes: the native prober's threads (Linux, built at install) or JavaScript. */
  prober: 'native' | 'js';
}
