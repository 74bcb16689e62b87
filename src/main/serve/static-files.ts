import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

// The Electron window's Content-Security-Policy (index.html), plus frame-ancestors (a header's
// only). connect-src 'self' allows the page's socket back to this host and no other: CSP3 lets
// 'self' match ws: on the page's own host and port, as Chromium does; a list of ws:// sources
// with any port would let the page open sockets to every local service.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Serves the built renderer folder read-only; paths never escape it, by name or through a link:
 * a file is served only when its real path (links resolved) lies inside the folder's real path.
 */
export function createStaticHandler(root: string) {
  const base = normalize(root + sep);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      // A malformed escape (say %E0%A4%A) is any web page's to send: answer it, never crash.
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(base, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    let body: Buffer;
    try {
      // The folder may itself be a link (a build output kept elsewhere): compare real paths.
      const realBase = normalize((await realpath(root)) + sep);
      const real = await realpath(file);
      if (!real.startsWith(realBase)) {
        res.writeHead(403).end();
        return;
      }
      body = await readRegularFile(real);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/**
 * Reads the file at a resolved path without following a link there again, so a link swapped in
 * after the check is refused (O_NOFOLLOW; Windows has none, and the check above still holds).
 */
async function readRegularFile(path: string): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
