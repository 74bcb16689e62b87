import { execFile } from 'node:child_process';
import path from 'node:path';

export type Row = [host: string, port: number, state: string, reason: string];

const SCRIPT = path.join(__dirname, 'scan-child.ts');

/** Runs scan-child.ts under `prefix` (e.g. ['ip','netns','exec',NAME] or a ulimit shell). */
export function runScanChild(request: object, shell?: string): Promise<Row[]> {
  const node = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(SCRIPT)} ${shellQuote(JSON.stringify(request))}`;
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
