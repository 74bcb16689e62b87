import { describe, expect, it } from 'vitest';
import { toScanId } from '../../shared/domain';
import { request, result, useTempDatabase } from '../store/test-support';
import { createResultWriter } from '../store/writer';
import { formatSummary, openPortsToReport } from './summary';

const tempDb = useTempDatabase('each');

describe('the scan summary', () => {
  it('lists, for a scan that failed, the open ports that were committed, as its counts do', async () => {
    const db = tempDb();
    const id = db.createScan(request());
    const stored = result(22, { state: 'open', service: 'ssh' });
    const writer = createResultWriter(db, id);
    writer.write([stored, result(23)]);
    await writer.close();
    db.finishScan(id, { status: 'failed', endedAt: Date.now(), error: 'database is locked' });
    // Found by the probes, but the writer failed before committing it.
    const lost = result(8080, { state: 'open' });
    const counts = db.getScan(id)!.counts;
    const outcome = { scanId: id, status: 'failed' as const, counts, error: 'x', durationMs: 5 };
    const report = openPortsToReport([stored, lost], outcome, db);
    expect(report.map((r) => r.port)).toEqual([22]);
    const text = formatSummary(report, outcome);
    expect(text).toContain('22/tcp    open   ssh');
    expect(text).not.toContain('8080');
    expect(text).toContain('failed: 1 open, 1 closed');
  });

  it('lists what was found for a completed scan, and when the history cannot be read', () => {
    const db = tempDb();
    const found = [result(22, { state: 'open' })];
    const completed = {
      scanId: null,
      status: 'completed' as const,
      counts: { open: 1, closed: 0, filtered: 0, error: 0 },
      error: null,
      durationMs: 1,
    };
    expect(openPortsToReport(found, completed, db)).toBe(found);
    db.close();
    const failed = { ...completed, scanId: toScanId(1), status: 'failed' as const };
    expect(openPortsToReport(found, failed, db)).toBe(found);
  });
});
