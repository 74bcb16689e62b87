import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { lazyChildProcess } from './scripts/lazy-child-process';

// One build, three entries: the Electron main process (index), the plain-Node command line (cli),
// and the engine's probe worker; plus the preload bridge and the renderer.
export default defineConfig({
  main: {
    plugins: [lazyChildProcess()],
    build: {
      // Bundled rather than required from node_modules: rolldown tree-shakes them, and the CLI
      // starts faster (requiring all of zod alone costs ~70 ms; better-sqlite3's JS ~8 ms). Only
      // better-sqlite3's addon stays a file, loaded by path (store/open-connection.ts).
      externalizeDeps: { exclude: ['zod', 'commander', 'ipaddr.js', 'better-sqlite3'] },
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
          'probe-worker': resolve(__dirname, 'src/main/engine/probe-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // electron-vite leaves the renderer unminified; minified it loads and parses ~3x faster.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
    plugins: [react()],
  },
});
