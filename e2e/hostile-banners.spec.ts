import type { Page } from '@playwright/test';
import { startScan, statusBadge } from './support/app';
import { expect, test } from './support/fixtures';
import { expectPorts, openResults, resultsTable } from './support/results';

// What a scanned host sends is hostile: markup stays text and control characters show as escapes,
// in every place a banner is shown.

const MARKUP = '<img src=x onerror=window.__x=1>';
const ANSI = '\x1b[31mred\x00';
const ANSI_SHOWN = String.raw`\x1b[31mred\x00`;

/** What the banner's onerror would have set, had it ever run as markup. */
const injectedValue = (page: Page) =>
  page.evaluate(() => typeof (globalThis as { __x?: unknown }).__x);

test('banners with markup or control characters are shown as inert, escaped text', async ({
  app: page,
  listeners,
}) => {
  const markupPort = await listeners.any({ banner: MARKUP });
  const ansiPort = await listeners.any({ banner: ANSI });
  await startScan(page, {
    targets: '127.0.0.1',
    ports: `${markupPort},${ansiPort}`,
    banners: true,
  });
  await expect(statusBadge(page)).toHaveText('Completed');
  const noInjectedImage = page.locator('img[src="x"], img[onerror]');

  const openPorts = page.getByRole('table', { name: 'Open ports' });
  await expect(openPorts.getByText(MARKUP, { exact: true })).toBeVisible();
  await expect(openPorts.getByText(ANSI_SHOWN, { exact: true })).toBeVisible();

  await openResults(page);
  await expectPorts(page, [markupPort, ansiPort]);
  await expect(resultsTable(page).getByText(MARKUP, { exact: true })).toBeVisible();
  await expect(resultsTable(page).getByText(ANSI_SHOWN, { exact: true })).toBeVisible();

  await resultsTable(page).getByRole('button', { name: '127.0.0.1' }).first().click();
  const panel = page.getByRole('complementary', { name: '127.0.0.1' });
  await expect(panel.getByText(MARKUP, { exact: true })).toBeVisible();
  await expect(panel.getByText(ANSI_SHOWN, { exact: true })).toBeVisible();

  await page.getByRole('radio', { name: 'By host' }).click();
  await expect(page.getByRole('article', { name: 'Host 127.0.0.1' })).toContainText(MARKUP);

  expect(await injectedValue(page)).toBe('undefined');
  await expect(noInjectedImage).toHaveCount(0);
  // No raw control character reached the page's text anywhere.
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).not.toContain('\x1b');
  expect(text).not.toContain('\x00');
});
