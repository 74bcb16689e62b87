import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { ScanId } from '../../shared/domain';
import {
  ResultFilterSchema,
  type ExportFormat,
  type ResultFilterInput,
} from '../../shared/history';
import { parseWith } from '../../shared/validate';
import type { HistoryDb } from '../store/database';
import type { ExportOptions } from '../store/export';
import type { CliIo } from './io';

/**
 * Streams one scan to a file, or to stdout for `-`; resolves with the row count once flushed.
 * The window's exports go through the same store function and formatters.
 */
export async function exportToFile(
  history: HistoryDb,
  id: ScanId,
  format: ExportFormat,
  file: string,
  filter: ResultFilterInput,
  io: CliIo,
  options: ExportOptions = {},
): Promise<number> {
  // Checked before the file is created: a bad filter leaves no empty file behind.
  parseWith(ResultFilterSchema, filter);
  if (file === '-') return (await history.exportScan(id, format, io.stdout, filter, options)).rows;
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const { rows } = await Promise.race([
    history.exportScan(id, format, out, filter, options),
    failed,
  ]);
  out.end();
  await finished(out);
  return rows;
}
