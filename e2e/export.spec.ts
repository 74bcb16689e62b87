import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Request } from '@playwright/test';
import { startScan, statusBadge } from './support/app';
import { exportedByCli } from './support/cli';
import { callFromPage } from './support/contract';
import { downloadOf, UTF8_BOM } from './support/downloads';
import { exportFromResults } from './support/export-panel';
import { expect, test } from './support/fixtures';
import { openResults } from './support/results';

/**
 * Exports from the browser host, in Chromium. The window's own Export menu downloads through
 * deliverExport: a hidden form posts the launch token to the address the host answered, into a
 * hidden frame, so Chromium's own download handling (Content-Disposition, the file it saves) is
 * what is checked, along with what the token must never do: appear in an address.
 */

/** The browser globals the page-side functions use (e2e code compiles without the DOM library). */
interface PageElement {
  append(node: PageElement): void;
  submit(): void;
}
interface PageGlobals {
  /** Set by the test: still there later means the page was never reloaded or replaced. */
  porthole_e2e_stayed?: boolean;
  location: { host: string };
  document: {
    createElement(tag: string): PageElement;
    body: { append(node: PageElement): void };
    querySelector(selector: string): { contentDocument: { body: { textContent: string } } } | null;
  };
}

/** A contract call from the page, over a WebSocket of its own with the launch token. */
const call = <T>(page: Page, token: string, method: string, input: unknown): Promise<T> =>
  callFromPage<T>(page, method, input, token);

/**
 * What deliverExport does, by hand, for an address the test holds: a hidden form posts the token
 * into a hidden frame named `frame`.
 */
async function postInFrame(page: Page, url: string, token: string, frame: string): Promise<void> {
  await page.evaluate(
    ({ url, token, frame }) => {
      const { document } = globalThis as unknown as PageGlobals;
      const target = Object.assign(document.createElement('iframe'), { name: frame, hidden: true });
      document.body.append(target);
      const form = Object.assign(document.createElement('form'), {
        method: 'post',
        action: url,
        target: frame,
        hidden: true,
      });
      form.append(
        Object.assign(document.createElement('input'), {
          type: 'hidden',
          name: 'token',
          value: token,
        }),
      );
      document.body.append(form);
      form.submit();
    },
    { url, token, frame },
  );
}

/** What landed in the page's frame `frame` (a refusal's text; nothing while it is empty). */
const frameText = (page: Page, frame: string) =>
  page.evaluate((name) => {
    const { document } = globalThis as unknown as PageGlobals;
    return document.querySelector(`iframe[name="${name}"]`)?.contentDocument.body.textContent ?? '';
  }, frame);

/** What `porthole export` writes for the scan's open ports, as CSV. */
const cliExport = (databaseFile: string, scanId: number): Promise<string> =>
  exportedByCli(databaseFile, scanId, '--csv', '-', '--open');

const launchTokenOf = (hostUrl: string) => new URL(hostUrl).hash.replace('#token=', '');

test('the Export menu downloads as the CLI writes it, the token posted and in no address, and the page stays', async ({
  app,
  host,
  listeners,
}) => {
  const token = launchTokenOf(host.url);
  const open = await listeners.any({ banner: '=HYPERLINK("http://x")\r\n' });
  const scanId = await startScan(app, {
    targets: '127.0.0.1',
    ports: String(open),
    banners: true,
    name: 'Büro "x"; filename=../evil.sh',
  });
  await expect(statusBadge(app)).toHaveText('Completed');
  await openResults(app);

  const pageUrl = app.url();
  const requests: Request[] = [];
  app.on('request', (request) => requests.push(request));
  const navigations: string[] = [];
  app.on('framenavigated', (frame) => {
    if (frame === app.mainFrame()) navigations.push(frame.url());
  });
  await app.evaluate(() => {
    (globalThis as unknown as PageGlobals).porthole_e2e_stayed = true;
  });

  const excel = await exportFromResults(app, 'Open ports', 'CSV for Excel');
  const fileName = `porthole-scan-${scanId}-büro-x-filename-evil-sh-open.csv`;
  expect(excel.name).toBe(fileName);
  expect([...excel.bytes.subarray(0, 3)]).toEqual(UTF8_BOM);
  const cli = await cliExport(host.databaseFile, scanId);
  expect(excel.bytes.subarray(3).toString('utf8')).toBe(cli);
  expect(cli).toContain(`"'=HYPERLINK(""http://x"")`);

  // The download is a POST of the page's form: the token in its body, the address bare.
  const origin = new URL(pageUrl).origin;
  expect(excel.url).toMatch(new RegExp(`^${origin}/export/[\\w-]{32}$`));
  const posted = requests.filter((r) => r.url() === excel.url);
  const sent = await Promise.all(
    posted.map(async (r) => [r.method(), r.postData(), (await r.allHeaders())['origin']]),
  );
  expect(sent).toEqual([['POST', `token=${token}`, origin]]);
  expect(requests.filter((r) => r.url().includes(token))).toEqual([]);
  await expect(app.locator('form[action^="/export/"]')).toHaveCount(0);

  // The page was neither replaced nor reloaded, and still talks to the host: a second export
  // is one more call over its socket (this one without the byte-order mark, not asked for).
  expect(navigations).toEqual([]);
  expect(app.url()).toBe(pageUrl);
  expect(await app.evaluate(() => (globalThis as unknown as PageGlobals).porthole_e2e_stayed)).toBe(
    true,
  );
  await expect(app.getByTestId('connection')).toHaveText('connected · websocket');
  await expect(app.getByRole('status').filter({ hasText: fileName })).toBeVisible();
  const plain = await exportFromResults(app, 'Open ports', 'CSV');
  expect(plain.name).toBe(fileName);
  expect(plain.text).toBe(cli);
  expect(plain.url).not.toBe(excel.url);

  // The address was good for one download: posted again, the refusal lands in the frame the
  // form targets, not in the window.
  await postInFrame(app, excel.url, token, 'again');
  await expect.poll(() => frameText(app, 'again')).toMatch(/not available/);
  expect(navigations).toEqual([]);
  await expect(app.getByTestId('connection')).toHaveText('connected · websocket');
});

test("another site's page cannot download with the token; the ticket stays good for the window", async ({
  app,
  host,
  listeners,
}) => {
  const token = launchTokenOf(host.url);
  const open = await listeners.any();
  const scanId = await startScan(app, { targets: '127.0.0.1', ports: String(open) });
  await expect(statusBadge(app)).toHaveText('Completed');
  const outcome = await call<{ kind: string; url: string; fileName: string }>(
    app,
    token,
    'exportScan',
    { scanId, format: 'csv', filter: { state: 'open' } },
  );
  expect(outcome.url).toMatch(/^\/export\/[\w-]{32}$/);
  const target = `${new URL(app.url()).origin}${outcome.url}`;

  // A page on another loopback port is another site; suppose it even knew the token.
  const site = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><form method="post" action="${target}">` +
        `<input type="hidden" name="token" value="${token}"></form>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const other = await app.context().newPage();
  try {
    const siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    await other.goto(`${siteOrigin}/`);
    const answered = other.waitForResponse(target);
    await other.locator('form').evaluate((form) => (form as unknown as PageElement).submit());
    const response = await answered;
    expect((await response.request().allHeaders())['origin']).toBe(siteOrigin);
    expect(response.status()).toBe(403);
    await expect(other.locator('body')).toHaveText('forbidden');
  } finally {
    await other.close();
    await new Promise((resolve) => site.close(resolve));
  }

  const download = await downloadOf(app, () => postInFrame(app, outcome.url, token, 'window'));
  expect(download.name).toBe(outcome.fileName);
  expect(download.text).toBe(await cliExport(host.databaseFile, scanId));
});
