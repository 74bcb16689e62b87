import { InputError } from '../../shared/errors';
import type { ExportRequest } from '../../shared/history-actions';
import type { HistoryDb } from '../store/database';
import { exportScan } from '../store/export';
import { requireScan } from '../store/scans';
import type { ExportJob } from './export-target';
import { scanExportFileName } from './file-name';

/**
 * A scan's export as a job for any transport. Checked now, so a page hears "not in the history" as
 * the answer to its call, not as a broken download. The rows are the CLI's: the same store
 * function and formatters; `excel` adds the byte-order mark.
 *
 * `excel` with JSON is refused, not ignored: RFC 8259 forbids a byte-order mark in JSON text, and a
 * checkbox that silently did nothing would mislead.
 */
export function scanExportJob(db: HistoryDb, request: ExportRequest): ExportJob {
  const { scanId, format, filter, excel } = request;
  if (excel && format !== 'csv') {
    throw new InputError('excel', 'the byte-order mark for Excel is for CSV only, not JSON');
  }
  const scan = requireScan(db, scanId);
  return {
    fileName: scanExportFileName({ id: scanId, name: scan.name }, format, filter),
    kind: format,
    write: (out) => exportScan(db, scanId, format, out, filter, { bom: excel }),
  };
}
