import type { ScanId } from '../../shared/domain';
import { PortholeError } from '../../shared/errors';
import type { ExportFormat, ResultFilter } from '../../shared/history';
import { csvFormatter } from './export-csv';
import type { ExportFormatter } from './export-format';
import { jsonFormatter, ndjsonFormatter } from './export-json';
import { filterSql, resultsFrom, withRanges } from './result-filter';
import { RESULT_COLUMNS, type RawResult } from './result-rows';
import { getScanRow } from './scans';
import { allOf } from './sql';
import type { StoreContext } from './statements';

const ROWS_PER_READ = 4096;
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
 * `drain`, so memory stays flat and scans keep committing. The stream is not ended here.
 */
export async function exportScan(
  ctx: StoreContext,
  id: ScanId,
  format: ExportFormat,
  out: NodeJS.WritableStream,
  filter: ResultFilter = {},
): Promise<{ rows: number }> {
  if (!getScanRow(ctx, id))
    throw new PortholeError('not-found', `scan ${id} is not in the history`);
  const formatter = FORMATTERS[format](id);
  const f = filterSql(filter);
  const hosts = ctx.statements
    .get(
      `SELECT h.id FROM hosts h WHERE h.scan_id = ?${f.hosts ? ` AND ${f.hosts.text}` : ''}
       ORDER BY h.sort_key, h.id`,
    )
    .pluck()
    .all(id, ...(f.hosts?.params ?? [])) as number[];
  const where = allOf([{ text: 'r.scan_id = ?', params: [id] }, f.results])!;
  // Parameters: the ranges (if any), then scan, host and the keyset, then the filter's terms.
  const chunk = ctx.statements
    .get(
      withRanges(f, {
        text: `SELECT ${RESULT_COLUMNS} FROM ${resultsFrom(f, 'CROSS JOIN')}
          WHERE h.scan_id = ? AND h.id = ? AND (r.port, r.protocol) > (?, ?) AND ${where.text}
          ORDER BY r.port, r.protocol LIMIT ${ROWS_PER_READ}`,
        params: [],
      }).text,
    )
    .raw(true);
  const ranges = f.portRanges === null ? [] : [f.portRanges];
  const sink = new Sink(out);
  let rows = 0;
  let text = formatter.start();
  for (const hostId of hosts) {
    let after: [number, string] = [-1, ''];
    for (;;) {
      const raws = chunk.all(
        ...ranges,
        id,
        hostId,
        after[0],
        after[1],
        ...where.params,
      ) as RawResult[];
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
      after = [last[2], last[3]];
      await sink.yieldTurn();
    }
  }
  text += formatter.end();
  if (text) await sink.write(text);
  return { rows };
}

/** Writes with backpressure; rejects when the stream errors or closes under us instead of hanging. */
class Sink {
  private waited = false;

  constructor(private readonly out: NodeJS.WritableStream) {}

  async write(text: string): Promise<void> {
    if (this.out.write(text, 'utf8')) return;
    this.waited = true;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        this.out.off('drain', onDrain);
        this.out.off('error', onError);
        this.out.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onError = (error: Error) => done(error);
      const onClose = () =>
        done(new PortholeError('storage', 'export: the output closed before the export finished'));
      this.out.on('drain', onDrain);
      this.out.on('error', onError);
      this.out.on('close', onClose);
    });
  }

  /** Lets I/O and writer commits run between chunks, unless a drain wait just did. */
  async yieldTurn(): Promise<void> {
    if (!this.waited) await new Promise<void>((resolve) => setImmediate(resolve));
    this.waited = false;
  }
}
