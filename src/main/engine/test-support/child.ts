import { execFile } from 'node:child_process';
import path from 'node:path';

export type Row = [host: string, port: number, state: string, reason: string];

const SCRIPT = path.join(__dirname, 'scan-child.ts');

/** What scan-child.ts prints: the rows, and which prober ran them. */
export interface ChildScan {
  readonly prober: 'native' | 'js';
  readonly rows: Row[];
}

/**
 * Runs scan-child.ts in a shell command, where {node} stands for the node command line (e.g.
 * `ip netns exec NAME {node}` or `ulimit -n 256; exec {node}`). `prober: 'js'` sets
 * PORTHOLE_PROBER=js, so the JavaScript prober runs where the native one is built.
 */
export function runScanChild(
  request: object,
  shell?: string,
  prober: 'default' | 'js' = 'default',
): Promise<ChildScan> {
  const env = prober === 'js' ? 'env PORTHOLE_PROBER=js ' : '';
  const node = `${env}${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(SCRIPT)} ${shellQuote(JSON.stringify(request))}`;
  const command = shell === undefined ? node : shell.replace('{node}', node);
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-c', command],
      { cwd: path.resolve(__dirname, '../../../..'), maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as ChildScan);
      },
    );
  });
}

export const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
