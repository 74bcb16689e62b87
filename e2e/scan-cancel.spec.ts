import { ascending, countIn, probed, stateCount, startScan, statusBadge } from './support/app';
import { showScan } from './support/cli';
import { earlyPorts, LONG_FIRST_PORT, LONG_LAST_PORT, longScan } from './support/long-scan';
import { expect, test } from './support/fixtures';
import { expectPorts, openResults, resultsTotal, setQuery } from './support/results';

// Cancelling keeps what was probed: the notice says how much, the Results tab and the history
// file (read by the built CLI) hold exactly that, including the open ports found before.

test('a cancelled scan keeps its partial results, in the window and the history', async ({
  app: page,
  host,
  listeners,
}) => {
  const open = [
    await listeners.firstFreeOf(earlyPorts(), { banner: 'early one\r\n' }),
    await listeners.firstFreeOf(earlyPorts()),
  ];
  const id = await startScan(page, longScan());
  await expect(statusBadge(page)).toHaveText('Running');
  // Both listeners sit at the start of the range: wait until they were found, mid-scan.
  await expect.poll(() => stateCount(page, 'open')).toBe(2);
  const before = await probed(page);

  await page.getByRole('button', { name: 'Cancel scan' }).click();
  await expect(statusBadge(page)).toHaveText('Cancelled');
  const notice = page.getByRole('status').filter({ hasText: 'Cancelled:' });
  await expect(notice).toHaveText(/^Cancelled: [\d,]+ results kept \(2 open\)\.$/);
  const kept = countIn(await notice.textContent());
  expect(kept).toBeGreaterThanOrEqual(before);
  expect(kept).toBeLessThan(LONG_LAST_PORT - LONG_FIRST_PORT + 1);
  await expect(page.getByRole('button', { name: 'Cancel scan' })).toBeHidden();

  await openResults(page);
  await expectPorts(page, open);
  await setQuery(page, '');
  await expect.poll(() => resultsTotal(page)).toBe(kept);

  const stored = await showScan(host.databaseFile, id);
  expect(stored.status).toBe('cancelled');
  const { open: o, closed, filtered, error } = stored.counts;
  expect(o + closed + filtered + error).toBe(kept);
  expect(stored.counts.open).toBe(2);
  expect(stored.openPorts.sort(ascending)).toEqual([...open].sort(ascending));
});
