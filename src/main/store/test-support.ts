// Helpers for the store's tests (not shipped code paths).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { PortResult, PortState, ScanId } from '../../shared/domain';
import {
  ScanRequestSchema,
  type ScanRequest,
  type ScanRequestInput,
} from '../../shared/scan-request';
import { openDatabase, type HistoryDb } from './database';
import type { ScanEnd } from './scans';
import { createResultWriter } from './writer';

export function tempDir(prefix = 'porthole-store-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh database file in a temporary folder for each test ('each') or for the whole file
 * ('all'), closed and removed afterwards. Call the returned function to get it.
 */
export function useTempDatabase(scope: 'each' | 'all' = 'each'): () => HistoryDb {
  let db: HistoryDb | null = null;
  let remove = () => {};
  const before = scope === 'each' ? beforeEach : beforeAll;
  const after = scope === 'each' ? afterEach : afterAll;
  before(() => {
    const t = tempDir();
    remove = t.remove;
    db = openDatabase(join(t.dir, 'porthole.db'));
  });
  after(() => {
    if (db?.isOpen) db.close();
    remove();
  });
  return () => {
    if (!db) throw new Error('useTempDatabase: no database outside a test');
    return db;
  };
}

export const request = (input: Partial<ScanRequestInput> = {}): ScanRequest =>
  ScanRequestSchema.parse({ targets: '127.0.0.1', ports: '1-65535', ...input });

const REASON: Record<PortState, PortResult['reason']> = {
  open: 'syn-ack',
  closed: 'conn-refused',
  filtered: 'no-response',
  error: 'EMFILE',
};

/** A result with sensible defaults: closed unless said otherwise. */
export function result(port: number, over: Partial<PortResult> = {}): PortResult {
  const state = over.state ?? 'closed';
  return {
    host: '127.0.0.1',
    hostname: null,
    port,
    protocol: 'tcp',
    state,
    reason: REASON[state],
    rttUs: state === 'filtered' ? null : 120,
    service: null,
    banner: null,
    scannedAt: 1_700_000_000_000 + port,
    ...over,
  };
}

/** Ports from..to on one host; every `openEvery`-th port open with an http banner. */
export function results(
  from: number,
  to: number,
  over: Partial<PortResult> = {},
  openEvery = 100,
): PortResult[] {
  const out: PortResult[] = [];
  for (let port = from; port <= to; port++) {
    const open = port % openEvery === 0;
    out.push(
      result(port, {
        ...(open ? { state: 'open', service: 'http', banner: `Server ${port}` } : {}),
        ...over,
      }),
    );
  }
  return out;
}

/**
 * A finished scan holding `rows`, written through the real writer: completed unless said
 * otherwise, of 127.0.0.1 unless `targets` says. Given `startedAt` it ends a millisecond later,
 * else it starts and ends now.
 */
export async function writeFinishedScan(
  db: HistoryDb,
  rows: PortResult[],
  scan: { status?: ScanEnd['status']; name?: string; startedAt?: number; targets?: string } = {},
): Promise<ScanId> {
  const { status = 'completed', name, startedAt, targets } = scan;
  const id = db.createScan(request(targets === undefined ? {} : { targets }), { name, startedAt });
  const writer = createResultWriter(db, id);
  writer.write(rows);
  await writer.close();
  await writer.completion;
  db.finishScan(id, { status, endedAt: startedAt === undefined ? Date.now() : startedAt + 1 });
  return id;
}
