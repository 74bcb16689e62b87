import { execFile } from 'node:child_process';
import path from 'node:path';

export type Row = [host: string, port: number, state: string, reason: string];

const SCRIPT = path.join(__dirname, 'scan-child.ts');
/** The same scan, run entirely in one probe worker (the native prober when it is built). */
export const WORKER_SCRIPT = path.join(__dirname, 'worker-scan-child.ts');

/**
 * Runs scan-child.ts (or `script`) in a shell command, where {node} stands for the node command
 * line (e.g. `ip netns exec NAME {node}` or `ulimit -n 256; exec {node}`).
 */
export function runScanChild(request: object, shell?: string, script = SCRIPT): Promise<Row[]> {
  const node = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(script)} ${shellQuote(JSON.stringify(request))}`;
  const command = shell === undefined ? node : shell.replace('{node}', node);
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-c', command],
      { cwd: path.resolve(__dirname, '../../../..'), maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as Row[]);
      },
    );
  });
}

export const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
