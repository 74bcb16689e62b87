import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, listen } from '../testing/listeners';
import { runCli } from '../testing/run-cli';

// --csv-bom: the window's "for Excel" choice, from the command line.
let dir: string;
let db: string;
let listener: Awaited<ReturnType<typeof listen>>;
let closed: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-csv-bom-'));
  db = join(dir, 'history.db');
  listener = await listen('127.0.0.1', (socket) => socket.end('=HYPERLINK("http://x")\r\n'));
  closed = await closedPort();
});
afterAll(async () => {
  await listener.close();
  rmSync(dir, { recursive: true, force: true });
});

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('--csv-bom', () => {
  it('starts the CSV of `scan` and of `export` with the byte-order mark, and nothing else changes', async () => {
    const scanned = join(dir, 'scan.csv');
    const scan = await runCli([
      'scan',
      '127.0.0.1',
      '-p',
      `${listener.port},${closed}`,
      '--banners',
      '--db',
      db,
      '--csv',
      scanned,
      '--csv-bom',
      '-q',
    ]);
    expect(scan.code).toBe(0);
    const plain = await runCli(['export', '1', '--csv', '-', '--db', db]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.startsWith('host,')).toBe(true);
    // The banner is defused in both, BOM or not: same formatter.
    expect(plain.stdout).toContain(`"'=HYPERLINK(""http://x"")`);

    const fromScan = readFileSync(scanned);
    expect(fromScan.subarray(0, 3).equals(BOM)).toBe(true);
    expect(fromScan.subarray(3).toString('utf8')).toBe(plain.stdout);

    const exported = join(dir, 'export.csv');
    const run = await runCli(['export', '1', '--csv', exported, '--csv-bom', '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Wrote 2 rows');
    expect(readFileSync(exported).equals(fromScan)).toBe(true);
  });

  it('is refused without --csv, before anything is scanned or written', async () => {
    const json = join(dir, 'refused.json');
    const exported = await runCli(['export', '1', '--json', json, '--csv-bom', '--db', db]);
    expect(exported.code).toBe(2);
    expect(exported.stderr.trim()).toBe(
      'porthole: --csv-bom: goes with --csv FILE (a JSON file never starts with one)',
    );
    const other = join(dir, 'other.db');
    const scan = await runCli([
      'scan',
      '127.0.0.1',
      '-p',
      String(closed),
      '--db',
      other,
      '--json',
      json,
      '--csv-bom',
    ]);
    expect(scan.code).toBe(2);
    expect(scan.stderr).toContain('--csv-bom');
    expect(existsSync(json)).toBe(false);
    expect(existsSync(other)).toBe(false);
  });
});
