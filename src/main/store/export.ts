import type { ScanId } from '../../shared/domain';
import type { ExportFormat, ResultFilter } from '../../shared/history';
import { watchForDeletion } from './deletions';
import { csvFormatter } from './export-csv';
import { EXPORT_COLUMNS, USUAL, type ExportFormatter, type ExportRow } from './export-format';
import { jsonFormatter, ndjsonFormatter } from './export-json';
import { filterSql, resultsFrom, withRanges } from './result-filter';
import { Sink } from './export-sink';
import { allOf } from './sql';
import type { StoreContext } from './statements';

/**
 * Rows per keyset read, and so per turn of the event loop: a turn of 1,024 rows keeps a download's
 * host answering other calls within a few milliseconds, and measured no slower than 4,096.
 */
const ROWS_PER_READ = 1024;

/** U+FEFF first: Excel reads the file as UTF-8 only when it starts with the byte-order mark. */
export const UTF8_BOM = '\uFEFF';

export interface ExportOptions {
  /** Start with UTF8_BOM (the window's "for Excel", the CLI's --csv-bom). */
  bom?: boolean;
}
const BYTES_PER_WRITE = 64 * 1024;

const FORMATTERS: Record<ExportFormat, (scanId: number) => ExportFormatter> = {
  csv: csvFormatter,
  json: jsonFormatter,
  ndjson: ndjsonFormatter,
};

/**
 * Streams a scan's results (all, or a filtered view) in host-then-port order. Rows are read in
 * keyset chunks, never through an open iterator: an iterator would keep the connection busy and
 * block every writer on it until the export ended. The loop yields between chunks and waits for
 * `drain`, so memory stays flat and scans keep committing. A scan deleted meanwhile rejects with
 * not-found before the last bytes, never a shorter file. The stream is not ended here.
 */
export async function exportScan(
  ctx: StoreContext,
  id: ScanId,
  format: ExportFormat,
  out: NodeJS.WritableStream,
  filter: ResultFilter = {},
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  // Deleted meanwhile, the scan would read as a shorter one: the end checks it is still there.
  const stillThere = watchForDeletion(ctx, [id]);
  const formatter = FORMATTERS[format](id);
  const f = filterSql(filter);
  const hosts = ctx.statements
    .get(
      `SELECT h.id, h.address, h.hostname FROM hosts h
       WHERE h.scan_id = ?${f.hosts ? ` AND ${f.hosts.text}` : ''}
       ORDER BY h.sort_key, h.id`,
    )
    .raw(true)
    .all(id, ...(f.hosts?.params ?? [])) as [id: number, address: string, hostname: string][];
  const where = allOf([{ text: 'r.scan_id = ?', params: [id] }, f.results])!;
  // Parameters: the ranges (if any), then scan, host and the keyset, then the filter's terms.
  const chunk = ctx.statements
    .get(
      withRanges(f, {
        text: `SELECT ${EXPORT_COLUMNS} FROM ${resultsFrom(f, 'CROSS JOIN')}
          WHERE h.scan_id = ? AND h.id = ? AND (r.port, r.protocol) > (?, ?) AND ${where.text}
          ORDER BY r.port, r.protocol LIMIT ${ROWS_PER_READ}`,
        params: [],
      }).text,
    )
    .raw(true);
  const ranges = f.portRanges === null ? [] : [f.portRanges];
  const sink = new Sink(out);
  let rows = 0;
  let text = (options.bom ? UTF8_BOM : '') + formatter.start();
  for (const [hostId, address, hostname] of hosts) {
    formatter.host(address, hostname);
    let after: [number, string] = [-1, ''];
    for (;;) {
      const raws = chunk.all(
        ...ranges,
        id,
        hostId,
        after[0],
        after[1],
        ...where.params,
      ) as ExportRow[];
      for (const raw of raws) {
        text += formatter.row(raw);
        if (text.length >= BYTES_PER_WRITE) {
          await sink.write(text);
          text = '';
        }
      }
      rows += raws.length;
      const last = raws[raws.length - 1];
      if (!last || raws.length < ROWS_PER_READ) break;
      after = [last[0], last[1] ?? USUAL.protocol];
      await sink.yieldTurn();
    }
  }
  // Before the last bytes: an export cut short must not end as a whole file.
  stillThere();
  text += formatter.end();
  if (text) await sink.write(text);
  return { rows };
}
