import { statusBadge, startScan } from './support/app';
import { expect, test } from './support/fixtures';
import { LONG_FIRST_PORT, longScan } from './support/long-scan';
import {
  openResults,
  resultsTotal,
  setQuery,
  sortBy,
  visibleRows,
  type ResultRow,
} from './support/results';

// The explorer on a scan that is still running: its rows keep coming, in the order asked for.

const ports = (rows: ResultRow[]) => rows.map((r) => r.port);
const isSorted = (list: number[], order: 'ascending' | 'descending') =>
  list.every((p, i) => i === 0 || (order === 'ascending' ? list[i - 1]! < p : list[i - 1]! > p));

test('sorting works while the scan still runs', async ({ app: page }) => {
  await startScan(page, longScan());
  await openResults(page);
  await setQuery(page, '');
  await expect.poll(() => resultsTotal(page)).toBeGreaterThan(0);
  const total = (await resultsTotal(page))!;

  await sortBy(page, 'Port', 'descending');
  await expect.poll(async () => (await visibleRows(page)).length).toBeGreaterThan(1);
  const firstRows = ports(await visibleRows(page));
  expect(isSorted(firstRows, 'descending')).toBe(true);
  // New rows arrive on top: the highest port probed so far keeps rising.
  await expect.poll(async () => ports(await visibleRows(page))[0]).toBeGreaterThan(firstRows[0]!);
  expect(isSorted(ports(await visibleRows(page)), 'descending')).toBe(true);
  await expect.poll(() => resultsTotal(page)).toBeGreaterThan(total);

  await sortBy(page, 'Port', 'ascending');
  await expect.poll(async () => ports(await visibleRows(page))[0]).toBe(LONG_FIRST_PORT);
  expect(isSorted(ports(await visibleRows(page)), 'ascending')).toBe(true);
  await expect(statusBadge(page)).toHaveText('Running');

  await page.getByRole('button', { name: 'Cancel scan' }).click();
  await expect(statusBadge(page)).toHaveText('Cancelled');
});
