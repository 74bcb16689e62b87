import type { Page, TestInfo } from '@playwright/test';
import { fillScanForm, probed, stateCount, statusBadge } from './support/app';
import { expect, test } from './support/fixtures';
import { earlyPorts, longScan } from './support/long-scan';
import { openResults, resultsTable, setQuery, visibleRows } from './support/results';

// Screenshots of the window at two sizes, kept as test artifacts (test-results/…, and attached
// to the report): the form, a scan mid-way and the results explorer.

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
];

async function shoot(page: Page, testInfo: TestInfo, what: string): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const name = `${what}-${width}x${height}.png`;
  const path = testInfo.outputPath(name);
  await page.screenshot({ path, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

for (const size of SIZES) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

    test('the form, a live scan and the explorer', async ({ app: page, listeners }, testInfo) => {
      const banners = ['SSH-2.0-OpenSSH_9.6', 'nginx/1.27.0', '220 mail.example ESMTP'];
      for (const banner of banners) {
        await listeners.firstFreeOf(earlyPorts(), { banner: `${banner}\r\n` });
      }
      await fillScanForm(page, { ...longScan(), banners: true, name: 'Screenshot scan' });
      await expect(page.getByTestId('estimate')).toContainText('22,768 probes');
      await shoot(page, testInfo, 'form');

      await page.getByRole('button', { name: 'Start scan' }).click();
      await expect(statusBadge(page)).toHaveText('Running');
      await expect.poll(() => stateCount(page, 'open')).toBe(banners.length);
      await expect.poll(() => probed(page)).toBeGreaterThan(2000);
      await expect(page.getByRole('img', { name: 'Port map of 127.0.0.1' })).toBeVisible();
      await shoot(page, testInfo, 'live-scan');

      await page.getByRole('button', { name: 'Cancel scan' }).click();
      await expect(statusBadge(page)).toHaveText('Cancelled');
      await openResults(page);
      await expect.poll(async () => (await visibleRows(page)).length).toBe(banners.length);
      await resultsTable(page).getByRole('button', { name: '127.0.0.1' }).first().click();
      await expect(page.getByRole('complementary', { name: '127.0.0.1' })).toContainText(
        banners[0]!,
      );
      await shoot(page, testInfo, 'explorer');

      await setQuery(page, '');
      await page.getByRole('radio', { name: 'By host' }).click();
      await expect(page.getByRole('article', { name: 'Host 127.0.0.1' })).toBeVisible();
      await shoot(page, testInfo, 'explorer-by-host');
    });
  });
}
