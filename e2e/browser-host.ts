import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from '../scripts/host-process.mjs';

/**
 * The built CLI the suite runs: out/main/cli.js, or another build named by PORTHOLE_E2E_CLI
 * (`npx electron-vite build --outDir DIR/out`, with DIR/node_modules linked to this checkout's).
 */
export const PORTHOLE_CLI = process.env.PORTHOLE_E2E_CLI || 'out/main/cli.js';

export interface RunningHost {
  url: string;
  databaseFile: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real built CLI's browser host (`porthole serve`) on a fresh database file. */
export async function startServe(): Promise<RunningHost> {
  const dir = mkdtempSync(join(tmpdir(), 'porthole-e2e-'));
  const databaseFile = join(dir, 'history.db');
  try {
    const host = await startHost([PORTHOLE_CLI, 'serve', '--db', databaseFile]);
    return {
      url: host.url,
      databaseFile,
      process: host.child,
      async stop() {
        // A host that already exited (crashed) must not hang the suite's teardown.
        await host.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
