import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortResult, ScanId } from '../../shared/domain';
import type { ResultFilterInput } from '../../shared/history';
import type { ExportOutcome } from '../../shared/history-actions';
import type { ScanFinished } from '../../shared/progress';
import { exportToFile } from '../cli/export-file';
import type { ExportJob, ExportTarget } from '../export/export-target';
import { openPorthole, type Porthole } from '../porthole';
import { result, results, writeFinishedScan } from '../store/test-support';
import { closedPort, listen } from '../testing/listeners';
import { until } from '../testing/until';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { DownloadDesk } from './download-desk';
import { FORM_BODY_LIMIT } from './form-token';
import {
  bodyOf,
  connectClient,
  get,
  postForm,
  valueOf,
  type Client,
  type RequestHeaders,
} from './test-support';

const TTL = 60_000;
let dir: string;
let host: BrowserHost;
let porthole: Porthole;
let page: Client;
/** The desk's clock: tests move it to expire a ticket instead of waiting a minute. */
let now = 1_700_000_000_000;
/** How each export the host streamed ended, as the host saw it. */
const streamed: ('running' | 'done' | 'failed')[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-download-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Porthole</title>');
  const desk = new DownloadDesk({ ttlMs: TTL, now: () => now });
  // The desk as the host uses it, watched: the test can tell whether the host is still streaming.
  const watched: ExportTarget = {
    deliver: (job: ExportJob) =>
      desk.deliver({
        ...job,
        write(out) {
          const i = streamed.push('running') - 1;
          return job.write(out).then(
            (done) => ((streamed[i] = 'done'), done),
            (error: unknown) => {
              streamed[i] = 'failed';
              throw error;
            },
          );
        },
      }),
  };
  porthole = openPorthole({
    transport: 'websocket',
    databaseFile: join(dir, 'history.db'),
    exportTarget: watched,
  });
  host = await startBrowserHost({
    rendererDir,
    dispatch: porthole.dispatch,
    events: porthole.events,
    downloads: desk,
  });
  page = await connectClient(host.port, token());
});
afterAll(async () => {
  page.ws.close();
  await host.close();
  await porthole.close();
  rmSync(dir, { recursive: true, force: true });
});

const token = () => new URL(host.url).hash.replace('#token=', '');

const scanWith = (rows: PortResult[], name?: string) =>
  writeFinishedScan(porthole.db, rows, { name });

/** What `porthole export N --csv -` writes for the same scan and filter: what a download must be. */
async function cliExport(id: ScanId, filter: ResultFilterInput = {}): Promise<Buffer> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  await exportToFile(porthole.db, id, 'csv', '-', filter, { stdout, stderr: new PassThrough() });
  stdout.end();
  return Buffer.concat(chunks);
}

async function download(input: Record<string, unknown>, method = 'exportScan') {
  const outcome = valueOf<ExportOutcome>(await page.call(method, input));
  if (outcome.kind !== 'download') throw new Error(`expected a download, got ${outcome.kind}`);
  return outcome;
}

/** The page's download: its form posts the launch token to the ticket's address. */
const fetchFile = (url: string, headers: RequestHeaders = {}) =>
  postForm(host.port, url, `token=${token()}`, headers);

function finishedEvent(scanId: ScanId): ScanFinished | undefined {
  for (const m of page.messages) {
    if (m.type !== 'event' || m.event !== 'finished') continue;
    const payload = m.payload as ScanFinished;
    if (payload.scanId === scanId) return payload;
  }
  return undefined;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('downloads from the browser host', () => {
  it('streams a scan once, for the launch token posted, named after the scan, with exact headers', async () => {
    const hostile = '"; filename=../../x.sh\r\nSet-Cookie: a=b';
    const id = await scanWith(results(1, 300), hostile);
    const outcome = await download({ scanId: id, format: 'csv', filter: { state: 'open' } });
    const fileName = `porthole-scan-${id}-filename-x-sh-set-cookie-a-b-open.csv`;
    expect(outcome.fileName).toBe(fileName);
    // The address carries no token: it is what the browser keeps in its download list.
    expect(outcome.url).toMatch(/^\/export\/[\w-]{32}$/);
    expect(outcome.url).not.toContain(token());

    const res = await fetchFile(outcome.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${fileName}"; filename*=UTF-8''${fileName}`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.headers['set-cookie']).toBeUndefined();
    const body = await bodyOf(res);
    // Exactly what the CLI writes; no byte-order mark unless asked for.
    expect(body.equals(await cliExport(id, { state: 'open' }))).toBe(true);
    expect(body.subarray(0, 5).toString()).toBe('host,');
    expect(body.toString().split('\r\n').length - 2).toBe(3);

    // Single use: the same address again is gone, and nothing of the scan comes with the refusal.
    const again = await fetchFile(outcome.url);
    expect(again.statusCode).toBe(404);
    expect(again.headers['content-disposition']).toBeUndefined();
    expect((await bodyOf(again)).toString()).not.toContain('host,');
  });

  it('refuses a download without the posted token, from another site, or for another Host; the ticket stays good', async () => {
    const id = await scanWith(results(1, 10));
    const outcome = await download({ scanId: id, format: 'csv' });
    const { port } = host;
    const wrong = token().replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const oversized = `token=${token()}&pad=${'x'.repeat(FORM_BODY_LIMIT)}`;
    const refused: [string, () => Promise<IncomingMessage>][] = [
      // The token in the address, as downloads used to carry it, is no longer taken.
      ['the token in the query', () => postForm(port, `${outcome.url}?token=${token()}`, '')],
      ['no body', () => postForm(port, outcome.url, '')],
      ['a wrong token', () => postForm(port, outcome.url, `token=${wrong}`)],
      ['an empty token', () => postForm(port, outcome.url, 'token=')],
      ['another field', () => postForm(port, outcome.url, `t=${token()}`)],
      ['a second token', () => postForm(port, outcome.url, `token=${token()}&token=${wrong}`)],
      ['a field more', () => postForm(port, outcome.url, `token=${token()}&x=1`)],
      ['an oversized body', () => postForm(port, outcome.url, oversized)],
      ['an oversized body without a length', () => postForm(port, outcome.url, oversized, {}, 4)],
      ...['text/plain', 'multipart/form-data; boundary=x', 'application/json', undefined].map(
        (type): [string, () => Promise<IncomingMessage>] => [
          `content type ${type}`,
          () => fetchFile(outcome.url, { 'Content-Type': type }),
        ],
      ),
      ...[
        'http://evil.example',
        'null',
        `https://127.0.0.1:${port}`,
        `http://127.0.0.1:${port + 1}`,
        `http://127.0.0.1.evil.example:${port}`,
      ].map((origin): [string, () => Promise<IncomingMessage>] => [
        `Origin ${origin}`,
        () => fetchFile(outcome.url, { Origin: origin }),
      ]),
    ];
    for (const [what, send] of refused) {
      const res = await send();
      expect({ what, status: res.statusCode }).toEqual({ what, status: 403 });
      expect(res.headers['content-disposition']).toBeUndefined();
      expect((await bodyOf(res)).toString()).toBe('forbidden');
    }
    const rebound = await fetchFile(outcome.url, { Host: 'evil.example' });
    expect(rebound.statusCode).toBe(421);
    expect((await bodyOf(rebound)).length).toBe(0);
    for (const method of ['GET', 'HEAD', 'PUT']) {
      const res = await get(port, `${outcome.url}?token=${token()}`, {}, method);
      expect({ method, status: res.statusCode }).toEqual({ method, status: 405 });
      expect(res.headers.allow).toBe('POST');
      await bodyOf(res);
    }
    // None of those used the ticket up. A request with no Origin is no web page's (browsers send
    // one with every POST): the token alone lets it in.
    const res = await fetchFile(outcome.url, { Origin: undefined });
    expect(res.statusCode).toBe(200);
    expect((await bodyOf(res)).equals(await cliExport(id))).toBe(true);
  });

  it("takes the host's other loopback names as the page's Origin, as the WebSocket does", async () => {
    const id = await scanWith(results(1, 10));
    const outcome = await download({ scanId: id, format: 'csv' });
    const res = await fetchFile(outcome.url, { Origin: `http://localhost:${host.port}` });
    expect(res.statusCode).toBe(200);
    expect((await bodyOf(res)).equals(await cliExport(id))).toBe(true);
  });

  it('forgets a ticket that was not used in time, and knows no other', async () => {
    const id = await scanWith(results(1, 10));
    const late = await download({ scanId: id, format: 'json' });
    const onTime = await download({ scanId: id, format: 'ndjson' });
    now += TTL - 1;
    const fresh = await fetchFile(onTime.url);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect((await bodyOf(fresh)).toString().trimEnd().split('\n')).toHaveLength(10);
    now += 1;
    const expired = await fetchFile(late.url);
    expect(expired.statusCode).toBe(404);
    expect((await bodyOf(expired)).toString()).toMatch(/not available/);
    const unknown = await fetchFile(`/export/${'x'.repeat(32)}`);
    expect(unknown.statusCode).toBe(404);
    await bodyOf(unknown);
  });

  it('adds the byte-order mark only when asked, and refuses it for JSON', async () => {
    const id = await scanWith(results(1, 100));
    const excel = await download({ scanId: id, format: 'csv', excel: true });
    const body = await bodyOf(await fetchFile(excel.url));
    expect(body.subarray(0, 3).equals(BOM)).toBe(true);
    expect(body.subarray(3).equals(await cliExport(id))).toBe(true);
    const json = await page.call('exportScan', { scanId: id, format: 'json', excel: true });
    expect(json).toMatchObject({ ok: false, error: { kind: 'input', field: 'excel' } });
  });

  it('defuses a banner that would run as a formula in a spreadsheet', async () => {
    const id = await scanWith([
      result(80, { state: 'open', service: 'http', banner: '=HYPERLINK("http://x")' }),
      result(81, { state: 'open', service: '@SUM(1)', banner: '+1' }),
    ]);
    const outcome = await download({ scanId: id, format: 'csv', excel: true });
    const text = (await bodyOf(await fetchFile(outcome.url))).toString('utf8');
    const [, first, second] = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(first).toContain(`,http,"'=HYPERLINK(""http://x"")",`);
    expect(second).toContain(`,'@SUM(1),'+1,`);
  });

  it('answers 404 with nothing streamed when the scan was deleted before the download', async () => {
    const id = await scanWith(results(1, 10));
    const outcome = await download({ scanId: id, format: 'csv' });
    await porthole.db.deleteScan(id);
    const res = await fetchFile(outcome.url);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect((await bodyOf(res)).toString()).toBe(`scan ${id} is not in the history`);
    expect(await page.call('exportScan', { scanId: id, format: 'csv' })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });

  it('streams a comparison of two scans as a download', async () => {
    const before = await scanWith(results(1, 400));
    const after = await scanWith(results(1, 400, {}, 50));
    const outcome = await download({ from: before, to: after, kind: 'added' }, 'exportDiff');
    expect(outcome.fileName).toBe(`porthole-diff-${before}-to-${after}-added.csv`);
    const res = await fetchFile(outcome.url);
    expect(res.headers['content-disposition']).toContain(`filename="${outcome.fileName}"`);
    const lines = (await bodyOf(res)).toString().split('\r\n');
    expect(lines[0]).toMatch(/^host,hostname,port,protocol,kind,changed,before_state,after_state/);
    // Ports 50, 150, 250, 350: closed before, open now: opened, as the window reads it.
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(2, 8).join(','))).toEqual(
      [50, 150, 250, 350].map((p) => `${p},tcp,added,state;service;banner,closed,open`),
    );
    // Nothing stayed open with another service or banner: no change of the third kind.
    const changed = await download({ from: before, to: after, kind: 'changed' }, 'exportDiff');
    const rows = (await bodyOf(await fetchFile(changed.url))).toString().split('\r\n');
    expect(rows.slice(1, -1)).toEqual([]);
  });

  it('streams 100,000 rows completely while pages, calls and a running scan are answered', async () => {
    const hostname = 'a-rather-long-host-name.example.internal';
    const id = await scanWith([
      ...results(1, 50_000, { host: '127.0.0.1', hostname }),
      ...results(1, 50_000, { host: '127.0.0.2', hostname }),
    ]);
    const outcome = await download({ scanId: id, format: 'csv' });
    const res = await fetchFile(outcome.url);
    const chunks: Buffer[] = [];
    // Take the first chunk, then stop reading: the host must wait (backpressure), not buffer.
    await new Promise<void>((resolve) =>
      res.once('data', (chunk: Buffer) => {
        chunks.push(chunk);
        res.pause();
        resolve();
      }),
    );
    const listener = await listen();
    const closed = await closedPort();
    const scan = valueOf<{ scanId: ScanId }>(
      await page.call('startScan', { targets: '127.0.0.1', ports: `${listener.port},${closed}` }),
    );
    const finished = await until(() => finishedEvent(scan.scanId), 'the scan to finish');
    expect(finished.status).toBe('completed');
    expect(await page.call('getAppInfo')).toMatchObject({ ok: true });
    const index = await get(host.port, '/');
    expect(index.statusCode).toBe(200);
    await bodyOf(index);
    // All of that happened while the host still had most of the export to send.
    expect(streamed[streamed.length - 1]).toBe('running');
    await listener.close();

    res.resume();
    chunks.push(await bodyOf(res));
    const body = Buffer.concat(chunks);
    expect(streamed[streamed.length - 1]).toBe('done');
    expect(body.equals(await cliExport(id))).toBe(true);
    expect(body.toString().match(/\r\n127\.0\.0\.\d,/g)).toHaveLength(100_000);
  });

  it('cuts the connection when the scan is deleted mid-download: a failed download, never a shorter file', async () => {
    const id = await scanWith(
      ['127.0.0.1', '127.0.0.2', '127.0.0.3'].flatMap((h) => results(1, 40_000, { host: h })),
    );
    const outcome = await download({ scanId: id, format: 'csv' });
    const res: IncomingMessage = await fetchFile(outcome.url);
    // The first chunk, then the reader stops while the scan is deleted (the delete and the export
    // take turns: what the export still reads is going).
    await new Promise<void>((resolve) =>
      res.once('data', () => {
        res.pause();
        resolve();
      }),
    );
    const which = streamed.length - 1;
    expect(await page.call('deleteScan', { scanId: id })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    res.on('error', () => undefined);
    const closed = new Promise((resolve) => res.once('close', resolve));
    res.resume();
    await closed;
    expect(res.complete).toBe(false);
    expect(streamed[which]).toBe('failed');
    expect(await page.call('getAppInfo')).toMatchObject({ ok: true });
  });

  it('stops the export when the browser cancels the download, and serves on', async () => {
    const hostname = 'a-download-nobody-will-finish.example.internal';
    const id = await scanWith(
      ['127.0.0.1', '127.0.0.2', '127.0.0.3'].flatMap((h) =>
        results(1, 50_000, { host: h, hostname }),
      ),
    );
    const outcome = await download({ scanId: id, format: 'csv' });
    const res: IncomingMessage = await fetchFile(outcome.url);
    await new Promise((resolve) => res.once('data', resolve));
    const which = streamed.length - 1;
    res.destroy();
    await until(() => (streamed[which] === 'failed' ? true : undefined), 'the export to stop');
    expect(await page.call('getAppInfo')).toMatchObject({ ok: true });
    const index = await get(host.port, '/');
    expect(index.statusCode).toBe(200);
    await bodyOf(index);
  });
});
