import type { Page } from '@playwright/test';
import { sidebar, startScan, statusBadge } from './support/app';
import { expect, test } from './support/fixtures';
import { queryBox } from './support/results';

// Keyboard shortcuts (?, Escape, H, N, /, E) and the theme: light, dark, or the system's,
// which follows the browser's color scheme live.

const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 2 });
const html = (page: Page) => page.locator('html');
const themeSelect = (page: Page) => page.getByRole('combobox', { name: 'Theme' });

/** The window's background colour (on the root element), as the theme's CSS paints it. */
const background = (page: Page) =>
  page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { documentElement: unknown };
      getComputedStyle(e: unknown): { backgroundColor: string };
    };
    return g.getComputedStyle(g.document.documentElement).backgroundColor;
  });

test('shortcuts work outside fields only: ? and Escape, H, N, / and E', async ({
  app: page,
  listeners,
}) => {
  // The form opens with the Targets field focused: keys typed there are text, not shortcuts.
  const targets = page.getByLabel('Targets');
  await expect(targets).toBeFocused();
  await page.keyboard.type('h?n/e');
  await expect(targets).toHaveValue('h?n/e');
  await expect(heading(page, 'New scan')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await targets.fill('');

  // ? opens the overlay, which lists the shortcuts; keys wait while it is open; Escape closes it.
  await targets.blur();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.locator('dt')).toHaveText(['N', 'H', 'Ctrl+Enter', '/', 'E', 'Shift+C', '?']);
  await page.keyboard.press('h');
  await expect(heading(page, 'New scan')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  // The header's ? button opens the same overlay; its Close button closes it.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toHaveCount(0);

  // H shows the History; typing in its search field stays text; N shows the form.
  await page.keyboard.press('h');
  await expect(heading(page, 'History')).toBeVisible();
  await expect(page).toHaveURL(/#\/history$/);
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.click();
  await page.keyboard.type('nh?');
  await expect(search).toHaveValue('nh?');
  await expect(heading(page, 'History')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await search.blur();
  await page.keyboard.press('n');
  await expect(heading(page, 'New scan')).toBeVisible();
  await expect(page).toHaveURL(/#\/new$/);

  // / on a scan: its Results tab, the query box focused; keys typed there stay in the query.
  const port = await listeners.any();
  const id = await startScan(page, { targets: '127.0.0.1', ports: String(port) });
  await expect(statusBadge(page)).toHaveText('Completed');
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page).toHaveURL(new RegExp(`#/scan/${id}/overview$`));
  await page.keyboard.press('/');
  await expect(page.getByRole('tab', { name: 'Results' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(new RegExp(`#/scan/${id}/results$`));
  await expect(queryBox(page)).toBeFocused();
  await expect(queryBox(page)).toHaveValue('open');
  await page.keyboard.press('End');
  await page.keyboard.type(' nh');
  await expect(queryBox(page)).toHaveValue('open nh');
  await expect(page).toHaveURL(new RegExp(`#/scan/${id}/results$`));
  await queryBox(page).fill('open');
  await queryBox(page).blur();

  // E on a scan's Overview: the Results tab with the export panel open; Escape closes it.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.keyboard.press('e');
  const exportPanel = page.getByRole('dialog', { name: 'Export results' });
  await expect(exportPanel).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/scan/${id}/results$`));
  await expect(exportPanel.getByRole('radio', { name: /^This view/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(exportPanel).toHaveCount(0);

  // H from a scan.
  await page.keyboard.press('h');
  await expect(heading(page, 'History')).toBeVisible();
  await expect(sidebar(page).getByRole('button', { name: 'History' })).toHaveAttribute(
    'aria-current',
    'page',
  );
});

test.describe('in a browser that prefers dark', () => {
  test.use({ colorScheme: 'dark' });

  test('the theme: the system’s by default and live, or light or dark as chosen, kept across a reload', async ({
    app: page,
  }) => {
    await expect(themeSelect(page)).toHaveValue('system');
    await expect(themeSelect(page).locator('option:checked')).toHaveText('System theme');
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');
    const dark = await background(page);

    // The system's scheme changes while the window is open: the theme follows.
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
    await expect.poll(() => background(page)).not.toBe(dark);
    const light = await background(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');

    // Chosen light or dark, whatever the system says.
    await themeSelect(page).selectOption({ label: 'Light' });
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
    await expect.poll(() => background(page)).toBe(light);
    await themeSelect(page).selectOption({ label: 'Dark' });
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => background(page)).toBe(dark);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');

    // The choice outlives a reload.
    await page.reload();
    await expect(page.getByTestId('connection')).toContainText('websocket');
    await expect(themeSelect(page)).toHaveValue('dark');
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');

    // Back to the system's: light now, then dark again when the system turns dark.
    await themeSelect(page).selectOption({ label: 'System theme' });
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');
  });
});

test.describe('in a browser that prefers light', () => {
  test.use({ colorScheme: 'light' });

  test('the system theme is light from the first paint', async ({ app: page }) => {
    await expect(themeSelect(page)).toHaveValue('system');
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
  });
});
