import { test as base, expect, type Page } from '@playwright/test';
import { startServe, type RunningHost } from '../browser-host';
import { Listeners } from './listeners';

export { expect };

interface Fixtures {
  /** `porthole serve` (the built CLI) on a fresh temporary history file; stopped after the test. */
  host: RunningHost;
  /** TCP listeners on 127.0.0.1; closed after the test. */
  listeners: Listeners;
  /** The page, opened on the host's window and connected to it. */
  app: Page;
}

/**
 * Each test gets its own host and database, so scans of one test never show in another's sidebar.
 * Numbers are read in en-US ("1,234"): the window formats them in the browser's locale.
 */
export const test = base.extend<Fixtures>({
  locale: 'en-US',
  viewport: { width: 1280, height: 800 },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from it
  host: async ({}, use) => {
    const host = await startServe();
    try {
      await use(host);
    } finally {
      await host.stop();
    }
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from it
  listeners: async ({}, use) => {
    const listeners = new Listeners();
    try {
      await use(listeners);
    } finally {
      await listeners.close();
    }
  },
  // Depends on both, so it is torn down first: the page closes before its host stops.
  app: async ({ page, host }, use) => {
    await page.goto(host.url);
    await expect(page.getByTestId('connection')).toContainText('websocket');
    await use(page);
    await page.close();
  },
});
