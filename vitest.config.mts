import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium-path.mjs';

const executablePath = chromiumPath();

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          include: ['src/**/*.test.ts'],
          exclude: ['src/renderer/**'],
          environment: 'node',
          // Real sockets and real SQLite files: keep files in separate processes, but do not
          // oversubscribe 2 cores.
          pool: 'forks',
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The window's components and store, in a real Chromium (the same one the e2e suite drives).
        plugins: [react()],
        // Pre-bundled up front: a dependency found mid-run makes Vite reload the page under a test.
        optimizeDeps: {
          include: [
            'react',
            'react-dom',
            'react-dom/client',
            'react/jsx-dev-runtime',
            'zustand',
            'zustand/react/shallow',
            'recharts',
            '@tanstack/react-virtual',
            'vitest-browser-react',
            'ipaddr.js',
            'zod/mini',
          ],
        },
        test: {
          name: 'renderer',
          testTimeout: 30_000,
          // After the node project: the two never compete for the two cores.
          sequence: { groupOrder: 1 },
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                ...(executablePath ? { executablePath } : {}),
                args: CHROMIUM_ARGS,
              },
            }),
            instances: [{ browser: 'chromium', viewport: { width: 1280, height: 800 } }],
          },
        },
      },
    ],
  },
});
