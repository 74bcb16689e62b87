import type { ParsedInput } from '../../shared/contract';
import type { DiffExportKind } from '../../shared/history-actions';
import type { HistoryDb } from '../store/database';
import { assertDiffable, type DiffRowKind } from '../store/export-diff';
import { exportDiffCsv } from '../store/export-diff-csv';
import type { ExportJob } from './export-target';
import { diffExportFileName } from './file-name';

/** The request as the contract's schema hands it over (its defaults applied). */
export type DiffExportRequest = ParsedInput<'exportDiff'>;

/**
 * The rows a kind asks for. A host that appeared comes with what was added, one that went with
 * what was removed: that is where a person looking for new or lost exposure expects them.
 */
const ROW_KINDS: Record<DiffExportKind | 'all', readonly DiffRowKind[]> = {
  added: ['added', 'host-added'],
  removed: ['removed', 'host-gone'],
  changed: ['changed'],
  all: ['added', 'removed', 'changed', 'host-added', 'host-gone'],
};

/** A comparison's CSV as a job for any transport: every change, never cut at DIFF_CHANGE_LIMIT. */
export function diffExportJob(db: HistoryDb, request: DiffExportRequest): ExportJob {
  const { from, to, kind, excel } = request;
  assertDiffable(db, from, to);
  const kinds = new Set(ROW_KINDS[kind ?? 'all']);
  return {
    fileName: diffExportFileName(from, to, kind),
    kind: 'csv',
    write: (out) => exportDiffCsv(db, from, to, kinds, out, { bom: excel }),
  };
}
