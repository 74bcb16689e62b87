import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

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
  const child = spawn(process.execPath, [PORTHOLE_CLI, 'serve', '--db', databaseFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /Porthole is at (\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`porthole serve exited with ${code}`)));
  });
  return {
    url,
    databaseFile,
    process: child,
    async stop() {
      // A host that already exited (crashed) must not hang the suite's teardown.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
