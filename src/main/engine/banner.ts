import { Socket } from 'node:net';
import type { Family } from '../../shared/targets';

/** Ports where a service waits for the client to speak HTTP first. */
export const WEB_PORTS: ReadonlySet<number> = new Set([
  80, 81, 591, 3000, 5000, 8000, 8008, 8080, 8081, 8088, 8880, 8888, 9000, 9090,
]);

export interface BannerOptions {
  /** How long to wait for the service to speak (or to answer the HTTP request). */
  readonly waitMs?: number;
  /** Bytes read at most; the rest is never read. */
  readonly maxBytes?: number;
  /** Characters kept at most in the stored text. */
  readonly maxChars?: number;
}

/**
 * Reads what a service says first; on web ports sends a minimal HTTP request at once and keeps the
 * Server header (or the status line). Elsewhere, a service still silent after half the wait gets
 * the same request (web servers listen on many ports; like nmap's GetRequest probe after its NULL
 * probe). Returns hostile bytes made into one line of safe text, or null.
 */
export function grabBanner(
  address: string,
  family: Family,
  port: number,
  options: BannerOptions = {},
): Promise<string | null> {
  const waitMs = options.waitMs ?? 2000;
  const maxBytes = options.maxBytes ?? 4096;
  const maxChars = options.maxChars ?? 512;
  let web = WEB_PORTS.has(port);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const socket = new Socket();
    const done = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(nudge);
      socket.resetAndDestroy();
      const raw = Buffer.concat(chunks, size).subarray(0, maxBytes);
      resolve(raw.length === 0 ? null : describe(raw, web, maxChars));
    };
    const request = `GET / HTTP/1.0\r\nHost: ${hostHeader(address, family, port)}\r\nUser-Agent: Porthole\r\nAccept: */*\r\n\r\n`;
    const timer = setTimeout(done, waitMs);
    const nudge = setTimeout(() => {
      if (settled || size > 0 || web) return;
      web = true;
      socket.write(request);
    }, waitMs / 2);
    socket.on('close', () => clearTimeout(nudge));
    socket.on('error', done);
    socket.on('end', done);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      // Enough for a greeting, or for HTTP headers once the blank line has arrived.
      if (
        size >= maxBytes ||
        (!web && size > 0 && chunk.includes(10)) ||
        (web && headersDone(chunks))
      ) {
        done();
      }
    });
    socket.connect({ host: address, port, family }, () => {
      if (web) socket.write(request);
    });
  });
}

const hostHeader = (address: string, family: Family, port: number): string =>
  family === 6 ? `[${address}]:${port}` : `${address}:${port}`;

const headersDone = (chunks: Buffer[]): boolean => Buffer.concat(chunks).includes('\r\n\r\n');

function describe(raw: Buffer, web: boolean, maxChars: number): string | null {
  const text = raw.toString('utf8');
  if (web && text.startsWith('HTTP/')) {
    const server = /^server:[ \t]*(.*)$/im.exec(text)?.[1];
    const line =
      server !== undefined && server.trim() !== '' ? server : (text.split(/\r?\n/)[0] ?? '');
    return toSafeText(line.trim(), maxChars) || null;
  }
  return toSafeText(text.replace(/\s+$/, ''), maxChars) || null;
}

/**
 * One line of printable text: control characters (C0, DEL, C1) and line breaks become visible
 * escapes, so a banner can never move a terminal cursor, break a CSV row or fake a log line.
 */
export function toSafeText(text: string, maxChars: number): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return escaped.length > maxChars ? `${escaped.slice(0, maxChars - 1)}…` : escaped;
}
