import { app, BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Paths from the app's root (the folder of package.json, or the asar when packaged), not from
// __dirname: the bundler may move this code into a chunk folder.
const fromAppRoot = (...parts: string[]) => join(app.getAppPath(), ...parts);

/** The renderer's address: electron-vite's dev server when it runs, else the built file. */
export function rendererUrl(): string {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  return devServer ?? pathToFileURL(fromAppRoot('out', 'renderer', 'index.html')).href;
}

/** One window, locked down per Electron's security checklist. */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Porthole',
    backgroundColor: '#0f1720',
    icon: fromAppRoot('resources', 'icon.png'),
    webPreferences: {
      preload: fromAppRoot('out', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Links a scanned host sends back never open inside the app; only http(s) go to the browser.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(rendererUrl())) event.preventDefault();
  });
  void window.loadURL(rendererUrl());
  return window;
}
