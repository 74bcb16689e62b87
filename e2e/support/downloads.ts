import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';

export interface Downloaded {
  /** The name the browser was told to save it under. */
  name: string;
  bytes: Buffer;
  /** The bytes as UTF-8 (a byte-order mark stays in, as U+FEFF). */
  text: string;
  /** The address it was downloaded from. */
  url: string;
}

/**
 * Runs `start` (a click on one of the window's own export buttons) and resolves the file the
 * browser downloaded, however the host delivers it; the downloaded copy is deleted once read.
 */
export async function downloadOf(page: Page, start: () => Promise<void>): Promise<Downloaded> {
  const downloading = page.waitForEvent('download');
  await start();
  const download = await downloading;
  expect(await download.failure()).toBeNull();
  const bytes = await readFile(await download.path());
  const name = download.suggestedFilename();
  await download.delete();
  return { name, bytes, text: bytes.toString('utf8'), url: download.url() };
}

export const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The records of an RFC 4180 text (CRLF or LF line ends, quoted cells with "" for a quote). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

/** A CSV's records as objects keyed by its header. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('the CSV has no header');
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}
