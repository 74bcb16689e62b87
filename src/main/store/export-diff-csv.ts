import type { ScanId } from '../../shared/domain';
import { UTF8_BOM, type ExportOptions } from './export';
import { csvText } from './export-csv';
import { diffRows, type DiffRow, type DiffRowKind } from './export-diff';
import { Sink } from './export-sink';
import type { StoreContext } from './statements';

/** The comparison's CSV header, exactly. */
export const DIFF_CSV_COLUMNS = [
  'host',
  'hostname',
  'port',
  'protocol',
  'kind',
  'changed',
  'before_state',
  'after_state',
  'before_service',
  'after_service',
  'before_banner',
  'after_banner',
] as const;

const CRLF = '\r\n';
const BYTES_PER_WRITE = 64 * 1024;

/** One change as a CSV record: RFC 4180, every text cell defused as the scan CSV's are. */
function diffCsvRecord(r: DiffRow): string {
  return (
    csvText(r.host) +
    ',' +
    csvText(r.hostname) +
    ',' +
    (r.port ?? '') +
    ',' +
    csvText(r.protocol) +
    ',' +
    r.kind +
    ',' +
    // "state;banner": a separator no spreadsheet splits on and no quoting needs.
    r.changed.join(';') +
    ',' +
    csvText(r.before?.state ?? null) +
    ',' +
    csvText(r.after?.state ?? null) +
    ',' +
    csvText(r.before?.service ?? null) +
    ',' +
    csvText(r.after?.service ?? null) +
    ',' +
    csvText(r.before?.banner ?? null) +
    ',' +
    csvText(r.after?.banner ?? null) +
    CRLF
  );
}

/**
 * Streams the comparison of two scans as CSV, every change (no limit), grouped by host, with
 * backpressure. The stream is not ended here.
 */
export async function exportDiffCsv(
  ctx: StoreContext,
  from: ScanId,
  to: ScanId,
  kinds: ReadonlySet<DiffRowKind>,
  out: NodeJS.WritableStream,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  const rows = diffRows(ctx, from, to, kinds);
  const sink = new Sink(out);
  let count = 0;
  let text = (options.bom ? UTF8_BOM : '') + DIFF_CSV_COLUMNS.join(',') + CRLF;
  for await (const row of rows) {
    text += diffCsvRecord(row);
    count++;
    if (text.length >= BYTES_PER_WRITE) {
      await sink.write(text);
      text = '';
    }
  }
  await sink.write(text);
  return { rows: count };
}
