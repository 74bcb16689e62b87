import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { twoScans } from './support/history';

// Screenshots of the History, What changed (with the timeline) and the comparison, at 1280x800
// and 1024x700, light and dark, kept as test artifacts (test-results/…, attached to the report).

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
];
const THEMES = ['Light', 'Dark'] as const;

async function shoot(page: Page, testInfo: TestInfo, what: string, theme: string): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const name = `${what}-${theme.toLowerCase()}-${width}x${height}.png`;
  const path = testInfo.outputPath(name);
  await page.mouse.move(0, 0);
  await page.screenshot({ path, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Waits until the timeline in `card` has a dot per scan and is drawn at the card's width. */
async function chartFits(card: Locator, points: number): Promise<void> {
  // The line of two equal counts is flat (no height): its dots say it is drawn.
  await expect(card.locator('svg.recharts-surface circle')).toHaveCount(points);
  await expect
    .poll(async () => {
      const box = await card.boundingBox();
      const chart = await card.locator('svg.recharts-surface').first().boundingBox();
      return (
        box !== null && chart !== null && chart.width <= box.width && chart.width > box.width / 2
      );
    })
    .toBe(true);
}

test('the History, What changed and Compare, at two sizes, light and dark', async ({
  app: page,
  listeners,
}, testInfo) => {
  const { first, second, started } = await twoScans(page, listeners);
  const origin = new URL(page.url()).origin;

  for (const theme of THEMES) {
    await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
    await page.getByRole('combobox', { name: 'Theme' }).blur();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    for (const size of SIZES) {
      await page.setViewportSize(size);

      await page.goto(`${origin}/#/scan/${second}/overview`);
      const changed = page.getByRole('region', { name: `What changed since scan #${first}` });
      await expect(changed.getByRole('region', { name: 'Changes on 127.0.0.2' })).toContainText(
        `${started}/tcp`,
      );
      await chartFits(page.getByRole('region', { name: /^Open ports over 2 scans/ }), 2);
      await shoot(page, testInfo, 'what-changed', theme);

      await page.goto(`${origin}/#/history`);
      await expect(page.getByTestId('history-total')).toHaveText('2 scans');
      await expect(page.getByRole('list', { name: 'Scans' }).getByRole('listitem')).toHaveCount(2);
      await page.getByRole('checkbox', { name: `Select scan ${first} to compare` }).check();
      await page.getByRole('checkbox', { name: `Select scan ${second} to compare` }).check();
      await shoot(page, testInfo, 'history', theme);

      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      await expect(page.getByRole('region', { name: 'Changes on 127.0.0.2' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Changes on 127.0.0.1' })).toBeVisible();
      // Both sides loaded: each scan's status and counts.
      await expect(page.locator('.compare-side')).toHaveText([
        /Completed\s*2 open · 2 hosts/,
        /Completed\s*2 open · 2 hosts/,
      ]);
      await shoot(page, testInfo, 'compare', theme);
    }
  }
  expect(testInfo.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(12);
});
