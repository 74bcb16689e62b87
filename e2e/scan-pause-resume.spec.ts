import { probed, settledValue, startScan, statusBadge } from './support/app';
import { storedResults } from './support/cli';
import { longScan } from './support/long-scan';
import { expect, test } from './support/fixtures';

// Pause really stops probing and Resume really starts it again; the scan is cancelled at the end.

test('pause stops the probed count, resume makes it grow again', async ({ app: page, host }) => {
  const id = await startScan(page, longScan());
  await expect(statusBadge(page)).toHaveText('Running');
  await expect.poll(() => probed(page)).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(statusBadge(page)).toHaveText('Paused');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  // Probes already in flight may still land; after that the count must stand still.
  const paused = await settledValue(page, () => probed(page));
  // The history agrees: it holds exactly what the window counts, and that stops growing too
  // (so the window is not merely no longer told).
  const stored = await settledValue(page, () => storedResults(host.databaseFile, id));
  expect(stored).toBe(paused);
  expect(await probed(page)).toBe(paused);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(statusBadge(page)).toHaveText('Running');
  await expect.poll(() => probed(page)).toBeGreaterThan(paused);
  await expect.poll(() => storedResults(host.databaseFile, id)).toBeGreaterThan(stored);

  await page.getByRole('button', { name: 'Cancel scan' }).click();
  await expect(statusBadge(page)).toHaveText('Cancelled');
});
