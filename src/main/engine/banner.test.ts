import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:net';
import { grabBanner, toSafeText } from './banner';
import { planScan } from './plan';
import { startScan } from './scan-run';
import { close, collect, listen, request } from './test-support/fixtures';

let greeter: Server & { port: number };
let http: Server & { port: number };
let hostile: Server & { port: number };
let silent: Server & { port: number };

beforeAll(async () => {
  greeter = await listen('127.0.0.1', (s) => {
    s.on('error', () => undefined);
    s.end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
  });
  http = await listen('::1', (s) => {
    s.on('error', () => undefined);
    s.once('data', () =>
      s.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nServer: nginx/1.25.3\r\n\r\nhello'),
    );
  });
  hostile = await listen('127.0.0.1', (s) => {
    s.on('error', () => undefined);
    // Terminal escapes, a CSV formula, NULs and then a megabyte: none of it may pass as is.
    s.write('=cmd|"/c calc"!A1\x1b[2J\x00\x07evil');
    s.end(Buffer.alloc(1 << 20, 0x41));
  });
  silent = await listen('127.0.0.1');
});
afterAll(async () => {
  for (const s of [greeter, http, hostile, silent]) await close(s);
});

describe('banner grab', () => {
  it('keeps what a service says first', async () => {
    expect(await grabBanner('127.0.0.1', 4, greeter.port)).toBe('SSH-2.0-OpenSSH_9.2p1 Debian-2');
  });

  it('asks a quiet service for HTTP and keeps the Server header', async () => {
    expect(await grabBanner('::1', 6, http.port, { waitMs: 600 })).toBe('nginx/1.25.3');
  });

  it('size-limits hostile bytes and makes them safe text', async () => {
    const banner = await grabBanner('127.0.0.1', 4, hostile.port, { maxChars: 200 });
    expect(banner).not.toBeNull();
    expect(banner?.length).toBeLessThanOrEqual(200);
    // eslint-disable-next-line no-control-regex -- asserting that no control character is left
    expect(banner).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(banner).toContain('\\x1b[2J\\x00\\x07evil');
  });

  it('returns null when a service says nothing', async () => {
    expect(await grabBanner('127.0.0.1', 4, silent.port, { waitMs: 300 })).toBeNull();
  });

  it('escapes control characters and line breaks', () => {
    expect(toSafeText('a\r\nb\tc\u0085', 100)).toBe('a\\r\\nb\\tc\\x85');
    expect(toSafeText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('fills PortResult.banner for open ports when the request asks for banners', async () => {
    const plan = await planScan(
      request({ targets: '127.0.0.1', ports: `${greeter.port},1`, banners: true }),
    );
    const results = await collect(startScan(plan));
    expect(results.find((r) => r.port === greeter.port)).toMatchObject({
      state: 'open',
      banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2',
    });
    expect(results.find((r) => r.port === 1)?.banner).toBeNull();
  });
});
