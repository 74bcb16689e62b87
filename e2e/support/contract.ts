import type { Page } from '@playwright/test';

/** The browser globals the page-side function uses (e2e code compiles without the DOM library). */
interface PageGlobals {
  location: { host: string };
  sessionStorage: { getItem(key: string): string | null };
}

/**
 * One contract call from the page, over a WebSocket of its own with `token`, or else the launch
 * token the window keeps for this tab: for setting up what the window cannot make yet, or for
 * what a page may do with the token, never for what the window itself is tested on.
 */
export async function callFromPage<T>(
  page: Page,
  method: string,
  input?: unknown,
  token?: string,
): Promise<T> {
  const result = await page.evaluate(
    ({ method, input, token }) =>
      new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>(
        (resolve, reject) => {
          const { location, sessionStorage } = globalThis as unknown as PageGlobals;
          const launch = token ?? sessionStorage.getItem('porthole.token') ?? '';
          const ws = new WebSocket(`ws://${location.host}/rpc?token=${launch}`);
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
    { method, input, token },
  );
  if (!result.ok) throw new Error(`${method} failed: ${result.error?.message}`);
  return result.value as T;
}
