import { spawn } from 'node:child_process';
import { PORTHOLE_CLI } from './browser-host';
import { probed, startScan, statusBadge } from './support/app';
import { expect, test } from './support/fixtures';
import { historyIds, historyRow, openHistory, windowRegainsFocus } from './support/history';
import { earlyPorts, LONG_FIRST_PORT, LONG_LAST_PORT } from './support/long-scan';

// A scan the porthole command runs on the window's history file: the window shows it running
// elsewhere (its progress events go to the CLI, not here), offers no Pause or Cancel that could
// only be refused, follows it from the history, and sees it end. The History's status chips
// then show all scans, or only those of the statuses chosen.

test('a scan running in the CLI is followed, not controlled; the History filters by status', async ({
  app: page,
  host,
  listeners,
}) => {
  const open = await listeners.firstFreeOf(earlyPorts());
  // ~27 s at 1,000 probes a second: it is stopped long before.
  const cli = spawn(
    process.execPath,
    [
      PORTHOLE_CLI,
      'scan',
      '127.0.0.1',
      '-p',
      `${LONG_FIRST_PORT}-${LONG_LAST_PORT}`,
      '--rate',
      '1000',
      '--name',
      'From the CLI',
      '--db',
      host.databaseFile,
      '-q',
    ],
    { stdio: 'ignore' },
  );
  const ended = new Promise<number | null>((resolve) => cli.once('exit', resolve));
  try {
    // The CLI's scan is the file's first; the window finds it when it comes back to the front.
    await openHistory(page);
    await expect
      .poll(async () => {
        await windowRegainsFocus(page);
        return historyIds(page);
      })
      .toEqual([1]);
    await historyRow(page, 1)
      .getByRole('button', { name: /From the CLI/ })
      .click();

    await expect(statusBadge(page)).toHaveText('Running');
    await expect(
      page.getByRole('status').filter({ hasText: 'another Porthole process' }),
    ).toHaveText(
      /^Running in another Porthole process \(the porthole command or another window\): pause, resume or cancel it there\./,
    );
    await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Cancel scan' })).toHaveCount(0);
    // Shift+C asks nothing: there is nothing here to cancel.
    await page.locator('body').press('Shift+C');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Followed from the history: the count grows, the open port shows up.
    const first = await probed(page);
    await expect.poll(() => probed(page), { timeout: 15_000 }).toBeGreaterThan(first);
    await expect(
      page.getByRole('table', { name: 'Open ports' }).getByRole('cell', { name: String(open) }),
    ).toBeVisible();

    await expect(
      page.getByRole('region', { name: 'Running scans' }).getByText('From the CLI'),
    ).toBeVisible();

    // Ctrl-C in the terminal: the window sees the scan end, and keeps what it committed.
    cli.kill('SIGINT');
    expect(await ended).toBe(130);
    await expect(statusBadge(page)).toHaveText('Cancelled', { timeout: 15_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Cancelled:' })).toHaveText(
      /^Cancelled: [\d,]+ results kept \(1 open\)\.$/,
    );
    await expect(page.getByRole('status').filter({ hasText: 'another Porthole' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Running scans' })).toHaveCount(0);
    await expect(
      page.getByRole('region', { name: 'Recent scans' }).getByText('From the CLI'),
    ).toBeVisible();
  } finally {
    if (cli.exitCode === null && cli.signalCode === null) cli.kill('SIGKILL');
    await ended;
  }

  // One scan of the window's own, completed; the chips: all, then only the chosen statuses.
  const own = await startScan(page, { targets: '127.0.0.1', ports: String(open) });
  await expect(statusBadge(page)).toHaveText('Completed');
  await openHistory(page);
  const chips = page.getByRole('group', { name: 'Statuses shown' });
  const chip = (name: string) => chips.getByRole('button', { name, exact: true });
  await expect(chip('all')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => historyIds(page)).toEqual([own, 1]);
  await chip('cancelled').click();
  await expect(chip('cancelled')).toHaveAttribute('aria-pressed', 'true');
  await expect(chip('all')).toHaveAttribute('aria-pressed', 'false');
  await expect(chip('completed')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => historyIds(page)).toEqual([1]);
  await chip('completed').click();
  await expect.poll(() => historyIds(page)).toEqual([own, 1]);
  await chip('cancelled').click();
  await expect.poll(() => historyIds(page)).toEqual([own]);
  await chip('all').click();
  await expect(chip('completed')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => historyIds(page)).toEqual([own, 1]);
});
