import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/wire';
import { createDispatcher } from '../rpc/dispatcher';
import { EventHub } from '../rpc/event-hub';
import { startBrowserHost, type BrowserHost } from './browser-host';

const appInfo = {
  name: 'Porthole' as const,
  version: '9.9.9',
  transport: 'websocket' as const,
  databaseFile: 'x.db',
  sqliteVersion: '3',
};

let dir: string;
let host: BrowserHost;
const events = new EventHub();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Porthole</title>');
  host = await startBrowserHost({
    rendererDir: dir,
    dispatch: createDispatcher({ getAppInfo: () => appInfo }),
    events,
  });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const token = () => new URL(host.url).hash.replace('#token=', '');
const origin = () => `http://127.0.0.1:${host.port}`;

function connect(query: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('the loopback browser host', () => {
  it('listens on 127.0.0.1 only and serves the renderer', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('<title>Porthole</title>');
  });

  it('never serves a file outside the renderer folder', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/..%2F..%2Fetc%2Fpasswd`);
    expect([403, 404]).toContain(res.status);
  });

  it('answers a call and forwards events to a client with the token and a loopback Origin', async () => {
    const ws = await connect(`?token=${token()}`, { Origin: origin() });
    const messages: ServerMessage[] = [];
    const got = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        messages.push(JSON.parse(String(data)) as ServerMessage);
        if (messages.length === 2) resolve();
      }),
    );
    ws.send(JSON.stringify({ type: 'call', id: 7, method: 'getAppInfo', input: undefined }));
    await new Promise((r) => setTimeout(r, 50));
    events.emit('finished', {
      scanId: null,
      status: 'completed',
      counts: { open: 1, closed: 0, filtered: 0, error: 0 },
      error: null,
    });
    await got;
    expect(messages).toContainEqual({
      type: 'result',
      id: 7,
      result: { ok: true, value: appInfo },
    });
    expect(messages.some((m) => m.type === 'event' && m.event === 'finished')).toBe(true);
    ws.close();
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another Origin', async () => {
    await expect(connect('', { Origin: origin() })).rejects.toThrow(/403/);
    await expect(connect('?token=nope', { Origin: origin() })).rejects.toThrow(/403/);
    await expect(connect(`?token=${token()}`, { Origin: 'http://evil.example' })).rejects.toThrow(
      /403/,
    );
  });

  it('refuses a request whose Host is not loopback (DNS rebinding)', async () => {
    // fetch() will not let a page set Host; node:http will, as a rebinding attacker's browser does.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/', headers: { Host: 'evil.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('survives a malformed URL escape and an oversized message, and keeps serving', async () => {
    const bad = await fetch(`http://127.0.0.1:${host.port}/%E0%A4%A`);
    expect(bad.status).toBe(400);
    const ws = await connect(`?token=${token()}`, { Origin: origin() });
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.on('error', () => {});
    ws.send('x'.repeat(2 << 20));
    await closed;
    const again = await connect(`?token=${token()}`, { Origin: origin() });
    const answer = new Promise<ServerMessage>((resolve) =>
      again.once('message', (data) => resolve(JSON.parse(String(data)) as ServerMessage)),
    );
    again.send(JSON.stringify({ type: 'call', id: 1, method: 'getAppInfo' }));
    expect(await answer).toMatchObject({ type: 'result', id: 1, result: { ok: true } });
    again.close();
    expect((await fetch(`http://127.0.0.1:${host.port}/`)).status).toBe(200);
  });
});
