import { expect, test } from './support/fixtures';
import { expectPorts, openResults, resultsTable, setQuery } from './support/results';
import { sampleScan } from './support/sample-scan';

// The Results tab's other views: hosts with what they do not show, services, and a host's panel.

test('By host shows each host and how many ports the query hides', async ({
  app: page,
  listeners,
}) => {
  const scan = await sampleScan(page, listeners);
  await openResults(page);
  await page.getByRole('radio', { name: 'By host' }).click();
  const card = page.getByRole('article', { name: 'Host 127.0.0.1' });
  await expect(card).toBeVisible();
  await expect(page.getByTestId('hosts-total')).toHaveText('1 host');
  await expect(card).toContainText('3 open');
  await expect(card).toContainText('3 closed ports not shown');
  for (const port of scan.open) await expect(card).toContainText(`${port}/tcp`);
  await expect(card).toContainText(scan.banner);

  await setQuery(page, '');
  await expect(card.getByText(/not shown/)).toHaveCount(0);
  for (const port of scan.closed) await expect(card).toContainText(`${port}/tcp`);
  await setQuery(page, `open port:${scan.plain}`);
  await expect(card).toContainText('5 ports not shown (3 closed)');
  await expect(card).not.toContainText(`${scan.named}/tcp`);
});

test('By service lists the services with their ports', async ({ app: page, listeners }) => {
  const scan = await sampleScan(page, listeners);
  await openResults(page);
  await page.getByRole('radio', { name: 'By service' }).click();
  const services = page.getByRole('table', { name: 'Services' });
  const row = (name: string) => services.getByRole('row').filter({ hasText: name });
  for (const port of [scan.named, scan.secondNamed]) {
    await expect(row(scan.service(port))).toContainText(`127.0.0.1:${port}`);
  }
  await expect(row('no name')).toContainText(`127.0.0.1:${scan.plain}`);

  // A service's name shows its ports in the ports view.
  await row(scan.service(scan.named))
    .getByRole('button', { name: scan.service(scan.named) })
    .click();
  await expect(page.getByRole('radio', { name: 'Ports' })).toHaveAttribute('aria-checked', 'true');
  await expectPorts(page, [scan.named]);
});

test('the host panel opens from the table with its ports and banners', async ({
  app: page,
  listeners,
}) => {
  const scan = await sampleScan(page, listeners);
  await openResults(page);
  await expectPorts(page, scan.open);
  await resultsTable(page).getByRole('button', { name: '127.0.0.1' }).first().click();
  const panel = page.getByRole('complementary', { name: '127.0.0.1' });
  await expect(panel).toBeVisible();
  for (const port of scan.open) await expect(panel).toContainText(`${port}/tcp`);
  await expect(panel.getByText(scan.banner, { exact: true })).toBeVisible();
  await expect(panel).toContainText('3 matching ports');

  await page.getByRole('button', { name: 'Close host details' }).click();
  await expect(panel).toBeHidden();
});
