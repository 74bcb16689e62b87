import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Real sockets and real SQLite files: keep files in separate processes, but do not oversubscribe 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
