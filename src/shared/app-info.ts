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
  /**
   * The prober this process has: 'native' when the addon is built and loads (Linux; every scan
   * without a rate limit uses it), 'js' when only the JavaScript prober is there.
   */
  prober: 'native' | 'js';
}
