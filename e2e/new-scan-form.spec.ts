import { choosePreset, currentScanId, openAdvanced, sidebar, statusBadge } from './support/app';
import { scanCount } from './support/cli';
import { closedPorts } from './support/listeners';
import { expect, test } from './support/fixtures';

// The new-scan form: what it says about wrong input, the size of a scan before it starts, the
// question before a very large one, and the keyboard shortcut.

test('each wrong field says what is wrong, next to the field', async ({ app: page }) => {
  const targets = page.getByLabel('Targets');

  await page.getByRole('button', { name: 'Start scan' }).click();
  await expect(targets).toHaveAttribute('aria-invalid', 'true');
  await expect(targets).toHaveAccessibleDescription(/give at least one target/);
  await expect(sidebar(page).getByText('No scans yet')).toBeVisible();

  await targets.fill('10.0.0.300');
  await expect(targets).toHaveAccessibleDescription(/"10\.0\.0\.300" is not an IPv4 address/);
  await targets.fill('127.0.0.1');
  await expect(targets).not.toHaveAttribute('aria-invalid', 'true');

  await choosePreset(page, 'Custom');
  const ports = page.getByLabel('Custom ports');
  await ports.fill('70000');
  await ports.blur();
  await expect(ports).toHaveAttribute('aria-invalid', 'true');
  await expect(ports).toHaveAccessibleDescription(/"70000" is not a port \(1-65535\)/);

  await openAdvanced(page);
  const retries = page.getByLabel('Retries');
  await retries.fill('99');
  await retries.blur();
  await expect(retries).toHaveAttribute('aria-invalid', 'true');
  await expect(retries).toHaveAccessibleDescription('must be at most 10');

  // Nothing wrong may start: the form stays, no scan exists.
  await page.getByRole('button', { name: 'Start scan' }).click();
  await expect(page.getByRole('heading', { name: 'New scan' })).toBeVisible();
  await expect(sidebar(page).getByText('No scans yet')).toBeVisible();
});

test('the estimate follows what is typed', async ({ app: page }) => {
  const estimate = page.getByTestId('estimate');
  const targets = page.getByLabel('Targets');
  await targets.pressSequentially('127.0.0.1');
  await expect(estimate).toContainText('1 address × 100 ports = 100 probes');
  await targets.fill('127.0.0.0/30');
  await expect(estimate).toContainText('4 addresses × 100 ports = 400 probes');
  await choosePreset(page, 'Top 1,000');
  await expect(estimate).toContainText('4 addresses × 1,000 ports = 4,000 probes');
  await choosePreset(page, 'Custom');
  await page.getByLabel('Custom ports').fill('10000-10009,10020');
  await expect(estimate).toContainText('4 addresses × 11 ports = 44 probes');
  await openAdvanced(page);
  await page.getByLabel('Exclude').fill('127.0.0.2');
  await expect(estimate).toContainText('3 addresses × 11 ports = 33 probes');
});

test('a scan of over a million probes asks first, and Go back starts nothing', async ({
  app: page,
  host,
}) => {
  await page.getByLabel('Targets').fill('127.0.0.0/8');
  await expect(page.getByTestId('estimate')).toContainText(
    '16,777,216 addresses × 100 ports = 1,677,721,600 probes',
  );
  await page.getByRole('button', { name: 'Start scan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a scan of 1,677,721,600 probes?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Go back' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'New scan' })).toBeVisible();
  await expect(page.getByLabel('Targets')).toHaveValue('127.0.0.0/8');
  await expect(sidebar(page).getByText('No scans yet')).toBeVisible();
  expect(await scanCount(host.databaseFile)).toBe(0);
});

test('Ctrl+Enter starts the scan', async ({ app: page, host }) => {
  const [port] = await closedPorts(1);
  await page.getByLabel('Targets').fill('127.0.0.1');
  await choosePreset(page, 'Custom');
  await page.getByLabel('Custom ports').fill(String(port));
  // In the targets box, where Enter alone only starts a new line (in an input it would submit).
  await page.getByLabel('Targets').press('Control+Enter');
  await expect(statusBadge(page)).toHaveText('Completed');
  const id = await currentScanId(page);
  await expect(page.getByRole('heading', { name: '127.0.0.1' })).toBeVisible();
  expect(await scanCount(host.databaseFile)).toBe(1);
  expect(id).toBe(1);
});
