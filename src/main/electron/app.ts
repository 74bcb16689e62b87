import { app, session } from 'electron';
import { defaultDataDir } from '../paths';
import { openPorthole, type Porthole } from '../porthole';
import { setupIpc } from './ipc';
import { electronSqliteBinding } from './native-binding';
import { setupSaveDialogExports } from './save-dialog';
import { createMainWindow } from './window';

/** Wires the plain-Node core to Electron: one database, one dispatcher, IPC, one window. */
export function startDesktopApp(): void {
  app.setName('Porthole');
  // The CLI computes the same folder (paths.ts), so both share one history.
  app.setPath('userData', defaultDataDir());
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let porthole: Porthole | null = null;
  let teardownIpc = () => {};

  void app.whenReady().then(() => {
    // The renderer needs no camera, notifications or other permission.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, grant) => grant(false));
    porthole = openPorthole({
      transport: 'electron',
      nativeBinding: electronSqliteBinding(),
      exportTarget: setupSaveDialogExports(),
    });
    teardownIpc = setupIpc(porthole.dispatch, porthole.events);
    createMainWindow();
  });

  app.on('second-instance', () => createMainWindow());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!porthole) return;
    // Let running scans commit what they probed before the process ends.
    event.preventDefault();
    const closing = porthole;
    porthole = null;
    teardownIpc();
    void closing.close().finally(() => app.quit());
  });
}
