import { execFile, spawn } from 'node:child_process';
import { expect } from '@playwright/test';
import { PORTHOLE_CLI } from '../browser-host';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `porthole` command (out/main/cli.js) and resolves what it printed. */
export function porthole(...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const options = { maxBuffer: 64 * 1024 * 1024 };
    execFile(process.execPath, [PORTHOLE_CLI, ...args], options, (error, stdout, stderr) => {
      // An exit code is an answer; anything else (no node, output past maxBuffer) is a failure.
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** What `porthole export <id> ...args --db <file>` writes to stdout; it must exit 0. */
export async function exportedByCli(
  databaseFile: string,
  scanId: number,
  ...args: string[]
): Promise<string> {
  const run = await porthole('export', String(scanId), ...args, '--db', databaseFile);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

export interface StoredScan {
  status: string;
  counts: { open: number; closed: number; filtered: number; error: number };
  /** Open ports listed under the summary, as "port/tcp". */
  openPorts: number[];
}

/** `porthole show <id> --db <file>`, read back into numbers. */
export async function showScan(databaseFile: string, scanId: number): Promise<StoredScan> {
  const run = await porthole('show', String(scanId), '--db', databaseFile);
  if (run.code !== 0) throw new Error(`porthole show ${scanId} failed: ${run.stderr}`);
  const status = new RegExp(`^Scan #${scanId}.*: (\\w+)$`, 'm').exec(run.stdout)?.[1];
  const counts = /^(\d+) open, (\d+) closed, (\d+) filtered, (\d+) error$/m.exec(run.stdout);
  if (!status || !counts) throw new Error(`unexpected output of porthole show:\n${run.stdout}`);
  const openPorts = [...run.stdout.matchAll(/\s(\d+)\/tcp\s+open\s/g)].map((m) => Number(m[1]));
  return {
    status,
    counts: {
      open: Number(counts[1]),
      closed: Number(counts[2]),
      filtered: Number(counts[3]),
      error: Number(counts[4]),
    },
    openPorts,
  };
}

/** How many scans the history file holds (`porthole history`). */
export async function scanCount(databaseFile: string): Promise<number> {
  const run = await porthole('history', '--db', databaseFile);
  const total = /of (\d+) scans?$/m.exec(run.stdout)?.[1];
  if (run.code !== 0 || total === undefined) {
    throw new Error(
      `unexpected output of porthole history (${run.code}):\n${run.stdout}${run.stderr}`,
    );
  }
  return Number(total);
}

/**
 * How many results of a scan the history file holds now: `porthole export --ndjson -`, one line
 * per port, counted as it streams (a long scan's export is megabytes).
 */
export function storedResults(databaseFile: string, scanId: number): Promise<number> {
  const args = [PORTHOLE_CLI, 'export', String(scanId), '--ndjson', '-', '--db', databaseFile];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(lines);
      else reject(new Error(`porthole export ${scanId} exited with ${code}: ${stderr}`));
    });
  });
}
