// Helpers for the export tests (not shipped code paths).
import type { PortResult, ScanId } from '../../shared/domain';
import type { HistoryDb } from '../store/database';
import { request } from '../store/test-support';
import { createResultWriter } from '../store/writer';

/** A completed scan holding `rows`, written through the real writer. */
export async function completedScan(
  db: HistoryDb,
  rows: PortResult[],
  name: string | null = null,
): Promise<ScanId> {
  const id = db.createScan(request(), name === null ? {} : { name });
  const writer = createResultWriter(db, id);
  writer.write(rows);
  await writer.close();
  await writer.completion;
  db.finishScan(id, { status: 'completed', endedAt: Date.now() });
  return id;
}
