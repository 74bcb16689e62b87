import type { IncomingMessage, ServerResponse } from 'node:http';
import { isPortholeError } from '../../shared/errors';
import type { ExportFormat } from '../../shared/history';
import type { ExportJob } from '../export/export-target';
import { contentDisposition } from './content-disposition';
import { DOWNLOAD_PATH, type DownloadDesk } from './download-desk';
import { readFormToken } from './form-token';
import { isLaunchToken } from './launch-token';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** A ticket as DownloadDesk makes them: 24 random bytes, base64url. */
const TICKET = /^[A-Za-z0-9_-]{32}$/;

/** Every answer of this route, a download or a refusal: never cached, never sniffed. */
const ALWAYS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

const refuse = (res: ServerResponse, status: number, text: string) =>
  res.writeHead(status, { ...ALWAYS, 'Content-Type': 'text/plain; charset=utf-8' }).end(text);

/**
 * POST /export/<ticket> from the page's own form, its body `token=<launch token>`: an export as a
 * file download. The token rides in the body, never in an address, so it is not left in the
 * browser's download list or history. The Origin and the token are checked before the ticket is
 * looked at, so a request without them cannot use up someone's ticket; a ticket is good for one
 * download. The rows are streamed with backpressure (the store waits for the socket to drain), so
 * a million rows never sit in memory and other requests go on between chunks. The caller has
 * checked the Host header already; `ownOrigin` is the test the WebSocket's Origin must pass.
 */
export function createDownloadRoute(
  desk: DownloadDesk,
  token: string,
  ownOrigin: (origin: string) => boolean,
) {
  return (req: IncomingMessage, res: ServerResponse, path: string): void => {
    if (req.method !== 'POST') {
      res.writeHead(405, { ...ALWAYS, Allow: 'POST' }).end();
      return;
    }
    // Browsers send Origin with every request that is not a GET or HEAD, and a page cannot
    // leave it out or set it: a POST without one is no web page's (a script, curl), which could
    // write any Origin it liked, so refusing it would stop nobody the token does not; it is let
    // through to the token check. "null" (a sandboxed or opaque page) is refused like any site.
    const origin = req.headers.origin;
    if (origin !== undefined && !ownOrigin(origin)) {
      refuse(res, 403, 'forbidden');
      return;
    }
    void readFormToken(req)
      .then((given) => {
        if (given === null || !isLaunchToken(given, token)) {
          refuse(res, 403, 'forbidden');
          return;
        }
        const ticket = path.slice(DOWNLOAD_PATH.length);
        const job = TICKET.test(ticket) ? desk.take(ticket) : null;
        if (!job) {
          refuse(res, 404, 'this download is not available: it was used, it expired, or never was');
          return;
        }
        return streamDownload(job, res);
      })
      // Neither step rejects; should one still, the request ends here and the host serves on.
      .catch(() => res.destroy());
  };
}

async function streamDownload(job: ExportJob, res: ServerResponse): Promise<void> {
  const headers = {
    ...ALWAYS,
    'Content-Type': CONTENT_TYPES[job.kind],
    'Content-Disposition': contentDisposition(job.fileName),
    // A download is data, never a document: nothing in it may run if a browser renders it anyway.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
  // Set, not written: they leave with the first chunk, so a failure before it can still answer
  // with a plain status instead of a 200.
  res.statusCode = 200;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  try {
    await job.write(res);
    res.end();
  } catch (error) {
    if (res.headersSent) {
      // Cut the connection mid-body: the browser reports a failed download, not a short file.
      res.destroy();
      return;
    }
    for (const name of Object.keys(headers)) res.removeHeader(name);
    const missing = isPortholeError(error) && error.kind === 'not-found';
    refuse(res, missing ? 404 : 500, missing ? error.message : 'the export failed');
  }
}
