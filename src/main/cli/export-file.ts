import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { ScanId } from '../../shared/domain';
import type { ExportFormat, ResultFilterInput } from '../../shared/history';
import type { HistoryDb } from '../store/database';
import type { CliIo } from './io';

/** Streams one scan to a file, or to stdout for `-`; resolves with the row count once flushed. */
export async function exportToFile(
  history: HistoryDb,
  id: ScanId,
  format: ExportFormat,
  file: string,
  filter: ResultFilterInput,
  io: CliIo,
): Promise<number> {
  if (file === '-') return (await history.exportScan(id, format, io.stdout, filter)).rows;
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const { rows } = await Promise.race([history.exportScan(id, format, out, filter), failed]);
  out.end();
  await finished(out);
  return rows;
}
