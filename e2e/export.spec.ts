import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { porthole } from './support/cli';
import { expect, test } from './support/fixtures';

/**
 * Exports from the browser host, in Chromium, without the window's export menu: the page's own
 * WebSocket asks for the export as the window does, and a link to the address it answers is
 * clicked, so Chromium's own download handling (Content-Disposition, the file it saves) is what
 * is checked. The menu's own test drives the same path through the window.
 */

/** The browser globals the page-side functions use (e2e code compiles without the DOM library). */
interface PageGlobals {
  location: { host: string };
  document: {
    createElement(tag: 'a'): { href: string; download: string; click(): void; remove(): void };
    body: { append(node: unknown): void };
  };
}

/** A contract call from the page, over a WebSocket of its own with the launch token. */
async function call<T>(page: Page, token: string, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    ({ token, method, input }) =>
      new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>(
        (resolve, reject) => {
          const { location } = globalThis as unknown as PageGlobals;
          const ws = new WebSocket(`ws://${location.host}/rpc?token=${token}`);
          ws.onerror = () => reject(new Error('the socket failed'));
          ws.onopen = () => ws.send(JSON.stringify({ type: 'call', id: 1, method, input }));
          ws.onmessage = (event) => {
            const message = JSON.parse(String(event.data)) as {
              type: string;
              id?: number;
              result?: { ok: boolean; value?: unknown; error?: { message: string } };
            };
            if (message.type !== 'result' || message.id !== 1 || !message.result) return;
            ws.close();
            resolve(message.result);
          };
        },
      ),
    { token, method, input },
  );
  if (!result.ok) throw new Error(`${method} failed: ${result.error?.message}`);
  return result.value as T;
}

/** Clicks a link to `url` in the page, as the window's menu does with a download's address. */
async function clickLink(page: Page, url: string): Promise<void> {
  await page.evaluate((href) => {
    const { document } = globalThis as unknown as PageGlobals;
    const link = document.createElement('a');
    link.href = href;
    link.download = '';
    document.body.append(link);
    link.click();
    link.remove();
  }, url);
}

test('a scan downloads as the CLI writes it, named after the scan, once', async ({
  app,
  host,
  listeners,
}) => {
  const token = new URL(host.url).hash.replace('#token=', '');
  const open = await listeners.listen({ banner: '=HYPERLINK("http://x")\r\n' });
  if (open === null) throw new Error('no free port for the listener');
  const { scanId } = await call<{ scanId: number }>(app, token, 'startScan', {
    targets: '127.0.0.1',
    ports: String(open),
    banners: true,
    name: 'Büro "x"; filename=../evil.sh',
  });
  await expect
    .poll(async () => (await call<{ status: string }>(app, token, 'getScan', { scanId })).status)
    .toBe('completed');

  const outcome = await call<{ kind: string; url: string; fileName: string }>(
    app,
    token,
    'exportScan',
    { scanId, format: 'csv', filter: { state: 'open' }, excel: true },
  );
  expect(outcome.kind).toBe('download');
  const fileName = `porthole-scan-${scanId}-büro-x-filename-evil-sh-open.csv`;
  expect(outcome.fileName).toBe(fileName);

  const downloading = app.waitForEvent('download');
  await clickLink(app, outcome.url);
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(fileName);
  expect(await download.failure()).toBeNull();
  const saved = await readFile(await download.path());
  expect([...saved.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const cli = await porthole(
    'export',
    String(scanId),
    '--csv',
    '-',
    '--open',
    '--db',
    host.databaseFile,
  );
  expect(cli.code).toBe(0);
  expect(saved.subarray(3).toString('utf8')).toBe(cli.stdout);
  expect(cli.stdout).toContain(`"'=HYPERLINK(""http://x"")`);

  // The address was good for one download: Chromium gets a refusal the second time.
  const again = app.waitForEvent('download');
  await clickLink(app, outcome.url);
  expect(await (await again).failure()).not.toBeNull();
});
