import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult, MethodName } from '../shared/contract';
import { toScanId } from '../shared/domain';
import type { ScanFinished } from '../shared/progress';
import { openPorthole, type Porthole } from './porthole';
import { openDatabase } from './store/database';
import { closedPort, listen } from './testing/listeners';
import { collect, spawnCli } from './testing/run-cli';
import { until } from './testing/until';

let dir: string;
let file: string;
let porthole: Porthole;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-core-'));
  file = join(dir, 'history.db');
  porthole = openPorthole({ transport: 'websocket', databaseFile: file });
});
afterEach(async () => {
  await porthole.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: MethodName, input?: unknown): Promise<T> {
  const result = (await porthole.dispatch(method, input)) as CallResult<T>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const finishedEvent = () =>
  new Promise<ScanFinished>((resolve) => {
    const dispose = porthole.events.subscribe((event, payload) => {
      if (event !== 'finished') return;
      dispose();
      resolve(payload as ScanFinished);
    });
  });

describe('the contract over the main-side core', () => {
  it('scans, lists, diffs with the previous scan of the same targets, and deletes', async () => {
    const listener = await listen();
    const closed = await closedPort();
    const ports = `${listener.port},${closed}`;
    const first = finishedEvent();
    const { scanId: a } = await call<{ scanId: number }>('startScan', {
      targets: '127.0.0.1',
      ports,
    });
    expect((await first).status).toBe('completed');
    await listener.close();
    const second = finishedEvent();
    const { scanId: b } = await call<{ scanId: number }>('startScan', {
      targets: '127.0.0.1',
      ports,
    });
    expect((await second).counts).toEqual({ open: 0, closed: 2, filtered: 0, error: 0 });

    const list = await call<{ total: number; scans: { id: number }[] }>('listScans');
    expect(list.total).toBe(2);
    expect(list.scans.map((s) => s.id)).toEqual([b, a]);
    const diff = await call<{ from: number; to: number; changes: { port: number }[] }>(
      'diffWithPrevious',
      { scanId: b },
    );
    expect(diff.from).toBe(a);
    expect(diff.changes.map((c) => c.port)).toEqual([listener.port]);
    expect(await call('deleteScan', { scanId: a })).toEqual({ deleted: true });
    expect(await call('getScan', { scanId: a })).toBeNull();
  });

  it('pauses, resumes and cancels a running scan by id', async () => {
    const { scanId } = await call<{ scanId: number }>('startScan', {
      targets: '127.0.0.1',
      ports: '1-65535',
      rate: 3000,
    });
    await call('pauseScan', { scanId });
    expect((await call<{ status: string }>('getScan', { scanId })).status).toBe('paused');
    await call('resumeScan', { scanId });
    const cancelled = await call<ScanFinished>('cancelScan', { scanId });
    expect(cancelled.status).toBe('cancelled');
    const result = await porthole.dispatch('pauseScan', { scanId });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it("says which running scans it runs itself (runningHere), and not another process's", async () => {
    interface Detail {
      status: string;
      runningHere: boolean;
    }
    // Another process: the CLI, scanning into the same file, slowly enough to be seen running.
    const cli = spawnCli(['scan', '127.0.0.1', '-p', '1-65535', '--rate', '200', '--db', file]);
    const cliEnded = collect(cli);
    let theirs: number | undefined;
    try {
      theirs = await until(() => porthole.db.listScans().scans[0]?.id, "the CLI's scan");
      expect(await call<Detail>('getScan', { scanId: theirs })).toMatchObject({
        status: 'running',
        runningHere: false,
      });
      // What the window must not offer for it: this process cannot pause what it does not run.
      expect(await porthole.dispatch('pauseScan', { scanId: theirs })).toMatchObject({
        ok: false,
        error: { kind: 'not-found' },
      });

      const { scanId: ours } = await call<{ scanId: number }>('startScan', {
        targets: '127.0.0.1',
        ports: '1-65535',
        rate: 200,
      });
      expect(await call<Detail>('getScan', { scanId: ours })).toMatchObject({
        status: 'running',
        runningHere: true,
      });
      await call('pauseScan', { scanId: ours });
      expect(await call<Detail>('getScan', { scanId: ours })).toMatchObject({
        status: 'paused',
        runningHere: true,
      });
      await call('cancelScan', { scanId: ours });
      expect(await call<Detail>('getScan', { scanId: ours })).toMatchObject({
        status: 'cancelled',
        runningHere: false,
      });
      // Still running there, still not here.
      expect(await call<Detail>('getScan', { scanId: theirs })).toMatchObject({
        status: 'running',
        runningHere: false,
      });
    } finally {
      cli.kill('SIGINT');
      await cliEnded;
    }
    // Ended there (Ctrl-C commits and marks it cancelled): ended everywhere.
    expect(await call<Detail>('getScan', { scanId: theirs })).toMatchObject({
      status: 'cancelled',
      runningHere: false,
    });
  });

  it('keeps profiles by name', async () => {
    await call('saveProfile', { name: 'web', request: { targets: '127.0.0.1', ports: '80,443' } });
    expect(await call<{ name: string }[]>('listProfiles')).toEqual([
      expect.objectContaining({ name: 'web', request: { targets: '127.0.0.1', ports: '80,443' } }),
    ]);
    expect(await call('deleteProfile', { name: 'web' })).toEqual({ deleted: true });
  });

  it('on close (quit) commits what running scans probed and ends them cancelled', async () => {
    const { scanId } = await call<{ scanId: number }>('startScan', {
      targets: '127.0.0.1',
      ports: '1-65535',
      rate: 3000,
    });
    await new Promise((r) => setTimeout(r, 500));
    await porthole.close();
    const reopened = openDatabase(file);
    try {
      const scan = reopened.getScan(toScanId(scanId))!;
      expect(scan.status).toBe('cancelled');
      expect(scan.resultCount).toBeGreaterThan(0);
      expect(scan.resultCount).toBeLessThan(65535);
      expect(scan.counts.closed + scan.counts.open).toBe(scan.resultCount);
    } finally {
      reopened.close();
    }
  });
});
