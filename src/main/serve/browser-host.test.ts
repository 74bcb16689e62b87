import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ScanId } from '../../shared/domain';
import type { ProgressFrame } from '../../shared/progress';
import { openPorthole, type Porthole } from '../porthole';
import { closedPort, listen } from '../testing/listeners';
import { until } from '../testing/until';
import { APP_VERSION } from '../version';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { connectClient, valueOf, type Client } from './test-support';

let dir: string;
let rendererDir: string;
let databaseFile: string;
let host: BrowserHost;
let porthole: Porthole;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-host-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Porthole</title>');
  databaseFile = join(dir, 'history.db');
  porthole = openPorthole({ transport: 'websocket', databaseFile });
  host = await startBrowserHost({
    rendererDir,
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

function connect(
  query: string,
  headers: Record<string, string>,
  path = '/rpc',
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const client = (): Promise<Client> => connectClient(host.port, token());

const scanCount = async (c: Client) => valueOf<{ total: number }>(await c.call('listScans')).total;
const walBytes = () => {
  try {
    return statSync(`${databaseFile}-wal`).size;
  } catch {
    return 0;
  }
};

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

  it('follows a link only while its real path stays inside the renderer folder', async () => {
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'not for the browser');
    writeFileSync(join(rendererDir, 'real.js'), 'export const inside = 1;');
    const links = ['out.txt', 'in.js', 'dir-out'].map((name) => join(rendererDir, name));
    symlinkSync(secret, links[0]!);
    symlinkSync(join(rendererDir, 'real.js'), links[1]!);
    symlinkSync(dir, links[2]!);
    try {
      const outside = await fetch(`http://127.0.0.1:${host.port}/out.txt`);
      expect(outside.status).toBe(403);
      expect(await outside.text()).not.toContain('not for the browser');
      // A linked folder that leads out is refused the same way, whatever lies beneath it.
      const viaFolder = await fetch(`http://127.0.0.1:${host.port}/dir-out/secret.txt`);
      expect(viaFolder.status).toBe(403);
      const inside = await fetch(`http://127.0.0.1:${host.port}/in.js`);
      expect(inside.status).toBe(200);
      expect(inside.headers.get('content-type')).toContain('text/javascript');
      expect(await inside.text()).toBe('export const inside = 1;');
    } finally {
      for (const link of links) rmSync(link);
      rmSync(join(rendererDir, 'real.js'));
      rmSync(secret);
    }
  });

  it('runs a scan over the socket: call, progress and finished events, then its results', async () => {
    const listener = await listen();
    const closed = await closedPort();
    const c = await client();

    const info = await c.call('getAppInfo');
    expect(info).toMatchObject({ ok: true, value: { version: APP_VERSION } });
    const started = await c.call('startScan', {
      targets: '127.0.0.1',
      ports: `${listener.port},${closed}`,
    });
    const { scanId } = valueOf<{ scanId: ScanId }>(started);
    await until(
      () => c.messages.find((m) => m.type === 'event' && m.event === 'finished'),
      'the finished event',
    );
    const progress = c.messages.filter((m) => m.type === 'event' && m.event === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    const results = await c.call('getResults', { scanId });
    expect(results).toMatchObject({
      ok: true,
      value: {
        total: 2,
        rows: expect.arrayContaining([
          expect.objectContaining({ port: listener.port, state: 'open' }),
        ]),
      },
    });
    const bad = await c.call('startScan', { targets: '127.0.0.1', ports: '70000' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'input', field: 'ports' } });
    expect(bad.ok || bad.error.message).toContain('70000');
    c.ws.close();
    await listener.close();
  });

  it('answers a method that is not a name with an error, while a scan runs on', async () => {
    const c = await client();
    // Long enough to be running throughout: 65,535 probes at 2,000 a second.
    const { scanId } = valueOf<{ scanId: ScanId }>(
      await c.call('startScan', { targets: '127.0.0.1', ports: '1-65535', rate: 2000 }),
    );
    try {
      await until(() => frameOf(c, scanId, 0), 'a first progress frame');
      // `String(method)` of this throws; it used to reject the dispatcher and end the process.
      const hostile = await c.call({ toString: 1 });
      expect(hostile).toMatchObject({ ok: false, error: { kind: 'input' } });
      expect(hostile.ok || hostile.error.message).toContain('not a name');
      const after = c.messages.length;
      const frame = await until(() => frameOf(c, scanId, after), 'a frame after the reply');
      expect(frame.status).toBe('running');
      expect(valueOf<{ status: string }>(await c.call('getScan', { scanId })).status).toBe(
        'running',
      );
      expect(await c.call('getAppInfo')).toMatchObject({ ok: true });
    } finally {
      expect(valueOf<{ status: string }>(await c.call('cancelScan', { scanId })).status).toBe(
        'cancelled',
      );
      c.ws.close();
    }
  });

  it('refuses a megabyte in any text field of a scan or a profile, and stores nothing', async () => {
    const c = await client();
    const scansBefore = await scanCount(c);
    const walBefore = walBytes();
    // Under the socket's 1 MiB frame limit once in JSON (a newline would double in escaping).
    const megabyte = '127.0.0.1 '.repeat(100_000);
    for (const field of ['targets', 'exclude', 'ports'] as const) {
      const answer = await c.call('startScan', { targets: '127.0.0.1', [field]: megabyte });
      expect(answer).toMatchObject({ ok: false, error: { kind: 'input', field } });
      expect(answer.ok || answer.error.message).toMatch(
        new RegExp(`^${field}: must be at most 65,536 characters`),
      );
    }
    const profile = await c.call('saveProfile', {
      name: 'huge',
      request: { targets: megabyte },
    });
    expect(profile).toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(await scanCount(c)).toBe(scansBefore);
    expect(valueOf<unknown[]>(await c.call('listProfiles'))).toEqual([]);
    // Five such calls used to grow the WAL by 21 MB; refused ones write nothing at all.
    expect(walBytes() - walBefore).toBeLessThan(1 << 20);
    c.ws.close();
  });

  it('accepts the WebSocket on /rpc only', async () => {
    for (const path of ['/', '/rpc/', '/other', '//evil/rpc', '/RPC']) {
      await expect(connect(`?token=${token()}`, { Origin: origin() }, path)).rejects.toThrow(/404/);
    }
    const ws = await connect(`?token=${token()}`, { Origin: origin() }, '/rpc');
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
    const again = await client();
    expect(await again.call('getAppInfo')).toMatchObject({ ok: true });
    again.ws.close();
    expect((await fetch(`http://127.0.0.1:${host.port}/`)).status).toBe(200);
  });
});

/** The first progress frame of a scan at or after message index `from`. */
function frameOf(c: Client, scanId: ScanId, from: number): ProgressFrame | undefined {
  for (const m of c.messages.slice(from)) {
    if (m.type !== 'event' || m.event !== 'progress') continue;
    const frame = m.payload as ProgressFrame;
    if (frame.scanId === scanId) return frame;
  }
  return undefined;
}
