import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The page `serve --open` hands the opener (serve/redirect-file.ts), as a test reads it. */
export interface OpenedPage {
  path: string;
  folder: string;
  /** Permission bits of the page and of its folder. */
  mode: number;
  folderMode: number;
  /** Where its refresh and its link send the browser ('' for one that is missing). */
  targets: [refresh: string, link: string];
}

export function readOpenedPage(fileUrl: string): OpenedPage {
  const path = fileURLToPath(fileUrl);
  const folder = dirname(path);
  const html = readFileSync(path, 'utf8');
  const unescape = (t: string | undefined) =>
    (t ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return {
    path,
    folder,
    mode: statSync(path).mode & 0o777,
    folderMode: statSync(folder).mode & 0o777,
    targets: [
      unescape(/<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(html)?.[1]),
      unescape(/<a href="([^"]+)">/.exec(html)?.[1]),
    ],
  };
}
