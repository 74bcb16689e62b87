import { ascending } from './support/app';
import { expect, test } from './support/fixtures';
import {
  columnHeader,
  expectPorts,
  openResults,
  queryBox,
  setQuery,
  sortBy,
  visibleRows,
} from './support/results';
import { sampleScan } from './support/sample-scan';

// The Results tab's ports view: sorting by a column, the state chips and fields that rewrite the
// query, the query itself, and a wrong query that keeps the last good results on screen.

test('column headers sort the rows', async ({ app: page, listeners }) => {
  const scan = await sampleScan(page, listeners);
  await openResults(page);
  await expectPorts(page, scan.open);
  await expect(columnHeader(page, 'Host')).toHaveAttribute('aria-sort', 'ascending');
  await expect(columnHeader(page, 'Port')).toHaveAttribute('aria-sort', 'none');

  await sortBy(page, 'Port', 'ascending');
  await expect(columnHeader(page, 'Host')).toHaveAttribute('aria-sort', 'none');
  await expect.poll(async () => (await visibleRows(page)).map((r) => r.port)).toEqual(scan.open);
  await sortBy(page, 'Port', 'descending');
  await expect
    .poll(async () => (await visibleRows(page)).map((r) => r.port))
    .toEqual([...scan.open].reverse());

  await setQuery(page, '');
  await expect
    .poll(async () => (await visibleRows(page)).map((r) => r.port))
    .toEqual([...scan.open, ...scan.closed].sort((a, b) => b - a));
  await sortBy(page, 'State', 'ascending');
  await expect
    .poll(async () => (await visibleRows(page)).map((r) => r.state))
    .toEqual([...scan.closed.map(() => 'closed'), ...scan.open.map(() => 'open')]);
});

test('state chips and the fields rewrite the query', async ({ app: page, listeners }) => {
  const scan = await sampleScan(page, listeners);
  await openResults(page);
  const chip = (state: string) =>
    page.getByRole('group', { name: 'States shown' }).getByRole('button', { name: state });
  await expect(queryBox(page)).toHaveValue('open');
  await expect(chip('open')).toHaveAttribute('aria-pressed', 'true');
  await expect(chip('closed')).toHaveAttribute('aria-pressed', 'false');

  await chip('closed').click();
  await expect(queryBox(page)).toHaveValue('open closed');
  await expectPorts(page, [...scan.open, ...scan.closed]);
  await chip('open').click();
  await expect(queryBox(page)).toHaveValue('closed');
  await expect(chip('open')).toHaveAttribute('aria-pressed', 'false');
  await expectPorts(page, scan.closed);
  await chip('closed').click();
  await expect(queryBox(page)).toHaveValue('');
  await expect(chip('filtered')).toHaveAttribute('aria-pressed', 'true');
  await expectPorts(page, [...scan.open, ...scan.closed]);

  const [a, b] = [scan.named, scan.plain].sort(ascending) as [number, number];
  await page.getByLabel('Ports', { exact: true }).fill(`${b}, ${a}`);
  await page.getByLabel('Ports', { exact: true }).press('Enter');
  await expect(queryBox(page)).toHaveValue(`port:${a},${b}`);
  await expectPorts(page, [a, b]);

  await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await page.getByLabel('Host', { exact: true }).press('Enter');
  await expect(queryBox(page)).toHaveValue(`port:${a},${b} host:127.0.0.1`);
  await page.getByLabel('Service', { exact: true }).fill(scan.service(scan.named));
  await page.getByLabel('Service', { exact: true }).press('Enter');
  await expect(queryBox(page)).toHaveValue(
    `port:${a},${b} service:${scan.service(scan.named)} host:127.0.0.1`,
  );
  await expectPorts(page, [scan.named]);

  // A query typed by hand fills the fields back.
  await setQuery(page, `open port:${scan.secondNamed}`);
  await expect(page.getByLabel('Ports', { exact: true })).toHaveValue(String(scan.secondNamed));
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue('');
  await expectPorts(page, [scan.secondNamed]);
});

test('a query picks exactly its rows; a wrong one says why and keeps the last results', async ({
  app: page,
  listeners,
}) => {
  const scan = await sampleScan(page, listeners);
  await openResults(page);
  const [a, b] = [scan.named, scan.plain].sort(ascending) as [number, number];
  await setQuery(page, `open port:${a},${b}`);
  await expectPorts(page, [a, b]);
  await setQuery(page, `closed port:${a},${b},${scan.closed[0]}`);
  await expectPorts(page, [scan.closed[0]!]);
  await setQuery(page, `open port:${a},${b}`);
  await expectPorts(page, [a, b]);

  const explorer = page.getByRole('tabpanel');
  await setQuery(page, 'port:70000');
  await expect(queryBox(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(explorer.getByRole('alert')).toContainText('70000');
  await expect(queryBox(page)).toHaveAccessibleDescription(/70000/);
  await expectPorts(page, [a, b]);

  await setQuery(page, 'foo:bar');
  await expect(explorer.getByRole('alert')).toContainText('unknown filter "foo:"');
  await expectPorts(page, [a, b]);

  await setQuery(page, 'open');
  await expect(explorer.getByRole('alert')).toHaveCount(0);
  await expect(queryBox(page)).not.toHaveAttribute('aria-invalid', 'true');
  await expectPorts(page, scan.open);
});
