import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/wire';
import { openPorthole, type Porthole } from '../porthole';
import { closedPort, listen } from '../testing/listeners';
import { APP_VERSION } from '../version';
import { startBrowserHost, type BrowserHost } from './browser-host';

let dir: string;
let host: BrowserHost;
let porthole: Porthole;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Porthole</title>');
  porthole = openPorthole({ transport: 'websocket', databaseFile: join(dir, 'history.db') });
  host = await startBrowserHost({
    rendererDir: dir,
    dispatch: porthole.dispatch,
    events: porthole.events,
  });
});
afterAll(async () => {
  await host.close();
  await porthole.close();
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

  it('runs a scan over the socket: call, progress and finished events, then its results', async () => {
    const listener = await listen();
    const closed = await closedPort();
    const ws = await connect(`?token=${token()}`, { Origin: origin() });
    const messages: ServerMessage[] = [];
    let nextId = 1;
    const call = (method: string, input?: unknown) => {
      const id = nextId++;
      ws.send(JSON.stringify({ type: 'call', id, method, input }));
      return new Promise<ServerMessage & { type: 'result' }>((resolve) => {
        const check = () => {
          const answer = messages.find((m) => m.type === 'result' && m.id === id);
          if (answer?.type === 'result') resolve(answer);
          else setTimeout(check, 10);
        };
        check();
      });
    };
    ws.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));

    const info = await call('getAppInfo');
    expect(info.result).toMatchObject({ ok: true, value: { version: APP_VERSION } });
    const started = await call('startScan', {
      targets: '127.0.0.1',
      ports: `${listener.port},${closed}`,
    });
    expect(started.result.ok).toBe(true);
    const scanId = (started.result as { ok: true; value: { scanId: number } }).value.scanId;
    await new Promise<void>((resolve) => {
      const check = () =>
        messages.some((m) => m.type === 'event' && m.event === 'finished')
          ? resolve()
          : setTimeout(check, 10);
      check();
    });
    const progress = messages.filter((m) => m.type === 'event' && m.event === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    const results = await call('getResults', { scanId });
    expect(results.result).toMatchObject({
      ok: true,
      value: {
        total: 2,
        rows: expect.arrayContaining([
          expect.objectContaining({ port: listener.port, state: 'open' }),
        ]),
      },
    });
    const bad = await call('startScan', { targets: '127.0.0.1', ports: '70000' });
    expect(bad.result).toMatchObject({ ok: false, error: { kind: 'input', field: 'ports' } });
    expect((bad.result as { ok: false; error: { message: string } }).error.message).toContain(
      '70000',
    );
    ws.close();
    await listener.close();
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
