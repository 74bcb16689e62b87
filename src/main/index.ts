// The Electron entry: everything Electron-specific lives in ./electron; this file only starts it.
import { startDesktopApp } from './electron/app';

startDesktopApp();
