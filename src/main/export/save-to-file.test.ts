import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../shared/contract';
import type { ExportOutcome } from '../../shared/history-actions';
import { exportToFile } from '../cli/export-file';
import { openPorthole, type Porthole } from '../porthole';
import { result, results, tempDir, writeFinishedScan } from '../store/test-support';
import { saveToChosenFile, type ChooseFile } from './save-to-file';

// The desktop window's export, all but the native dialog: a chooser stands in for the person.
let dir: { dir: string; remove(): void };
let porthole: Porthole;
let answer: string | null;
const asked: Parameters<ChooseFile>[0][] = [];

beforeEach(() => {
  dir = tempDir('porthole-save-');
  asked.length = 0;
  const choose: ChooseFile = (suggestion) => {
    asked.push(suggestion);
    return Promise.resolve(answer);
  };
  porthole = openPorthole({
    transport: 'electron',
    databaseFile: join(dir.dir, 'history.db'),
    exportTarget: saveToChosenFile(choose),
  });
});
afterEach(async () => {
  await porthole.close();
  dir.remove();
});

const call = async (method: 'exportScan' | 'exportDiff', input: unknown) =>
  (await porthole.dispatch(method, input)) as CallResult<ExportOutcome>;

async function cliCsv(scanId: Parameters<typeof exportToFile>[1]): Promise<string> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  await exportToFile(porthole.db, scanId, 'csv', '-', {}, { stdout, stderr: new PassThrough() });
  return Buffer.concat(chunks).toString('utf8');
}

describe('exports from the desktop window', () => {
  it('asks where, with the name after the scan, and writes what the CLI writes', async () => {
    const id = await writeFinishedScan(porthole.db, results(1, 2000), {
      name: 'Weekly DMZ / office',
    });
    const file = join(dir.dir, 'chosen.csv');
    answer = file;
    const saved = await call('exportScan', { scanId: id, format: 'csv', excel: true });
    expect(saved).toEqual({ ok: true, value: { kind: 'saved', file, rows: 2000 } });
    expect(asked).toEqual([{ fileName: `porthole-scan-${id}-weekly-dmz-office.csv`, kind: 'csv' }]);
    expect(readFileSync(file, 'utf8')).toBe(`\uFEFF${await cliCsv(id)}`);
    expect(readdirSync(dir.dir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('writes nothing when the person cancels', async () => {
    const id = await writeFinishedScan(porthole.db, [result(80, { state: 'open' })]);
    answer = null;
    const before = readdirSync(dir.dir);
    expect(await call('exportScan', { scanId: id, format: 'json' })).toEqual({
      ok: true,
      value: { kind: 'cancelled' },
    });
    expect(asked).toEqual([{ fileName: `porthole-scan-${id}.json`, kind: 'json' }]);
    expect(readdirSync(dir.dir)).toEqual(before);
  });

  it('saves a comparison, and asks nothing for a scan that is not there', async () => {
    const before = await writeFinishedScan(porthole.db, results(1, 300));
    const after = await writeFinishedScan(porthole.db, results(1, 300, {}, 150));
    const file = join(dir.dir, 'changes.csv');
    answer = file;
    expect(await call('exportDiff', { from: before, to: after })).toEqual({
      ok: true,
      value: { kind: 'saved', file, rows: 3 },
    });
    expect(asked[0]).toEqual({ fileName: `porthole-diff-${before}-to-${after}.csv`, kind: 'csv' });
    expect(readFileSync(file, 'utf8').split('\r\n').slice(1, -1)).toEqual([
      '127.0.0.1,,100,tcp,removed,state;service;banner,open,closed,http,,Server 100,',
      '127.0.0.1,,150,tcp,added,state;service;banner,closed,open,,http,,Server 150',
      '127.0.0.1,,200,tcp,removed,state;service;banner,open,closed,http,,Server 200,',
    ]);
    const missing = await call('exportDiff', { from: before, to: 999_999 });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(asked).toHaveLength(1);
    expect(existsSync(join(dir.dir, 'changes.csv'))).toBe(true);
  });
});
