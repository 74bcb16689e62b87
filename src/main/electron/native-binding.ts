import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron-ABI build of better-sqlite3 lives. Tests and the CLI load the Node-ABI build
 * from node_modules; the app loads this one (`npm start` prepares it), so nobody rebuilds by hand.
 */
export function electronSqliteBinding(): string {
  const file = app.isPackaged
    ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : join(
        app.getAppPath(),
        '.electron-native',
        `abi-${process.versions.modules}`,
        'better_sqlite3.node',
      );
  if (!existsSync(file)) {
    throw new Error(
      `The Electron build of better-sqlite3 is missing (${file}). Run "npm start", which prepares it.`,
    );
  }
  return file;
}
