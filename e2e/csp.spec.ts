import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:net';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium-path.mjs';
import { startServe, type RunningHost } from './browser-host';

// The window's Content-Security-Policy, as Chromium enforces it: the page's own socket back to
// its host is allowed ('self'), a socket to any other local port is not. Both policies are
// checked alone: the header the browser host sends, and index.html's meta (the Electron window's).

// A document Playwright fulfils has no address of its own, so Chromium's Local Network Access
// checks treat it as public and block its socket to loopback before the CSP is consulted. Those
// checks are off here alone: what is tested is the policy, on a page the host served.
const executablePath = chromiumPath();
test.use({
  launchOptions: {
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'],
  },
});

let host: RunningHost;
let other: Server;
let otherPort: number;
/** Connections that reached the other local service: there must never be one. */
let reached = 0;

test.beforeAll(async () => {
  host = await startServe();
  other = createServer((socket) => {
    reached++;
    socket.on('error', () => {});
    socket.destroy();
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherPort = (other.address() as { port: number }).port;
});
test.afterAll(async () => {
  await new Promise((resolve) => other?.close(resolve));
  await host?.stop();
});

const META_CSP = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/;

/** Serves the window's document with one of its two policies taken out, or both kept. */
async function keepOnly(page: Page, policy: 'header' | 'meta' | 'both'): Promise<void> {
  await page.route(
    (url) => url.pathname === '/' || url.pathname === '/index.html',
    async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      let body = await response.text();
      expect(headers['content-security-policy']).toContain("connect-src 'self';");
      expect(body).toMatch(META_CSP);
      if (policy === 'meta') delete headers['content-security-policy'];
      if (policy === 'header') body = body.replace(META_CSP, '');
      await route.fulfill({ response, headers, body });
    },
  );
}

/** What the page function below uses of the browser (the suite's TypeScript has no DOM types). */
interface PageGlobals {
  document: {
    addEventListener(
      type: 'securitypolicyviolation',
      listener: (event: { effectiveDirective: string; blockedURI: string }) => void,
    ): void;
  };
  WebSocket: new (url: string) => { onerror: (() => void) | null };
}

/** In the page: opens a socket to `url`; resolves with the connect-src violation it caused. */
function socketRefusal(url: string): Promise<string> {
  const { document, WebSocket } = globalThis as unknown as PageGlobals;
  return new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      if (event.effectiveDirective === 'connect-src') resolve(event.blockedURI);
    });
    try {
      new WebSocket(url).onerror = () => {};
    } catch {
      // Some Chromium versions throw at once; the violation event is still reported.
    }
  });
}

for (const policy of ['header', 'meta', 'both'] as const) {
  test(`the page's socket reaches its own host only (${policy === 'both' ? 'both policies' : `the ${policy} alone`})`, async ({
    page,
  }) => {
    await keepOnly(page, policy);
    await page.goto(host.url);
    await expect(page.getByTestId('connection')).toHaveText('connected · websocket');
    for (const name of ['127.0.0.1', 'localhost']) {
      const url = `ws://${name}:${otherPort}/`;
      expect(await page.evaluate(socketRefusal, url)).toBe(url);
    }
    // Still connected, and the other service never saw the page.
    await expect(page.getByTestId('connection')).toHaveText('connected · websocket');
    expect(reached).toBe(0);
  });
}
