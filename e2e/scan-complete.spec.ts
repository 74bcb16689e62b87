import { ascending, progress, startScan, stateCount, statusBadge } from './support/app';
import { closedPorts } from './support/listeners';
import { expect, test } from './support/fixtures';

// A scan that runs to the end shows exactly the ports the test opened, in every view of the
// Overview: progress, state counts, the open ports table and the port map.

test('a completed scan shows the listening ports as open and the rest as closed', async ({
  app: page,
  listeners,
}) => {
  const withBanner = await listeners.any({ banner: 'SSH-2.0-PortholeTest_1.0\r\n' });
  const otherBanner = await listeners.any({ banner: '220 porthole.test ESMTP ready\r\n' });
  const silent = await listeners.any();
  const open = [withBanner, otherBanner, silent];
  const closed = await closedPorts(5);
  const ports = [...open, ...closed];

  await startScan(page, { targets: '127.0.0.1', ports: ports.join(','), banners: true });

  await expect(statusBadge(page)).toHaveText('Completed');
  await expect(page.getByTestId('progress-done')).toHaveText(/^8 of 8 · 100%$/);
  expect(await progress(page)).toEqual({ done: 8, total: 8 });
  expect(await stateCount(page, 'open')).toBe(3);
  expect(await stateCount(page, 'closed')).toBe(5);
  expect(await stateCount(page, 'filtered')).toBe(0);
  expect(await stateCount(page, 'error')).toBe(0);

  const table = page.getByRole('table', { name: 'Open ports' });
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(3);
  const listed = await Promise.all(
    (await rows.all()).map(async (row) => Number(await row.getByRole('cell').nth(1).textContent())),
  );
  expect(listed.sort(ascending)).toEqual([...open].sort(ascending));
  await expect(rows.filter({ hasText: 'SSH-2.0-PortholeTest_1.0' })).toContainText(
    String(withBanner),
  );
  await expect(rows.filter({ hasText: '220 porthole.test ESMTP ready' })).toContainText(
    String(otherBanner),
  );
  await expect(
    rows
      .filter({ hasText: String(silent) })
      .getByRole('cell')
      .nth(4),
  ).toHaveText('');

  const map = page.getByTestId('port-map');
  await expect(map.getByRole('img', { name: 'Port map of 127.0.0.1' })).toHaveCount(1);
  await expect(map).toContainText('3 open · 8 of 8 probed');
});
