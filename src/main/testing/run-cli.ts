import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const ROOT = join(__dirname, '..', '..', '..');

/** Starts the real `porthole` command from source in a child process (tsx compiles it). */
export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  stdin?: string,
): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/main/cli.ts'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    },
  );
  child.stdin?.end(stdin);
  return child;
}

export function collect(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

export const runCli = (args: string[], env?: NodeJS.ProcessEnv, stdin?: string): Promise<CliRun> =>
  collect(spawnCli(args, env, stdin));
