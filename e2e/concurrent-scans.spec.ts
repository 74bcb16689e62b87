import { probed, sidebar, startScan, statusBadge } from './support/app';
import { expect, test } from './support/fixtures';
import { longScan } from './support/long-scan';

// Two scans at once: both are listed as running, each has its own view and its own controls.

test('two scans run side by side, each in its own view', async ({ app: page }) => {
  const first = await startScan(page, longScan({ targets: '127.0.0.1', name: 'First scan' }));
  const second = await startScan(page, longScan({ targets: '127.0.0.2', name: 'Second scan' }));
  expect(second).not.toBe(first);

  const running = sidebar(page).getByRole('region', { name: 'Running scans' });
  const entry = (name: string) => running.getByRole('button', { name: new RegExp(name) });
  await expect(entry('First scan')).toBeVisible();
  await expect(entry('Second scan')).toBeVisible();
  await expect(running.getByRole('button')).toHaveCount(2);

  const title = page.getByRole('main').getByRole('heading', { level: 2 });
  await entry('First scan').click();
  await expect(title).toHaveText('First scan');
  await expect(page.getByText(`#${first} · ports 10000-32767`)).toBeVisible();
  await expect(statusBadge(page)).toHaveText('Running');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(statusBadge(page)).toHaveText('Paused');

  // The other scan is not paused with it: it keeps running and its count keeps growing.
  await entry('Second scan').click();
  await expect(title).toHaveText('Second scan');
  await expect(page.getByText(`#${second} · ports 10000-32767`)).toBeVisible();
  await expect(statusBadge(page)).toHaveText('Running');
  const seen = await probed(page);
  await expect.poll(() => probed(page)).toBeGreaterThan(seen);
  await expect(entry('First scan').getByRole('img', { name: 'paused' })).toBeVisible();

  for (const name of ['Second scan', 'First scan']) {
    await entry(name).click();
    await expect(title).toHaveText(name);
    await page.getByRole('button', { name: 'Cancel scan' }).click();
    await expect(statusBadge(page)).toHaveText('Cancelled');
  }
  await expect(running).toHaveCount(0);
  const recent = sidebar(page).getByRole('region', { name: 'Recent scans' });
  await expect(recent.getByRole('button')).toHaveCount(2);
});
