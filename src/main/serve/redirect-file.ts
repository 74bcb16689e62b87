import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A page on disk that sends the browser on to an address, and its removal. */
export interface RedirectFile {
  /** The page's file:// address: what the opener is given instead of the address itself. */
  url: string;
  path: string;
  /** Removes the page and its folder; called again, or at exit, it does nothing. */
  remove(): void;
}

/**
 * Writes a page whose only content sends the browser on to `target`, as Jupyter's
 * `use_redirect_file` does: an opener's arguments, and the browser's it starts, are readable by
 * every user of the machine (/proc/PID/cmdline), so the launch token must never be one of them.
 * The page sits in a folder of its own (mkdtemp: 0700) and is itself 0600, so only this user
 * reads it; it goes when `remove` is called or the process exits, whichever comes first.
 */
export function writeRedirectFile(target: string, parent = tmpdir()): RedirectFile {
  const dir = mkdtempSync(join(parent, 'porthole-open-'));
  const path = join(dir, 'open.html');
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', remove);
  try {
    // 'wx': a new file, created with its mode (a umask only ever narrows it).
    writeFileSync(path, redirectPage(target), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    remove();
    throw error;
  }
  return { url: pathToFileURL(path).href, path, remove };
}

/** A refresh to `target` at once, and a link to it for a browser that does not follow one. */
export function redirectPage(target: string): string {
  const href = escapeAttribute(target);
  return (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="refresh" content="0;url=${href}">\n` +
    '<title>Porthole</title>\n</head>\n<body>\n' +
    `<p><a href="${href}">Open Porthole</a></p>\n</body>\n</html>\n`
  );
}

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
