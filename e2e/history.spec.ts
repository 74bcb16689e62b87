import type { Page } from '@playwright/test';
import { sidebar, startScan, statusBadge } from './support/app';
import { porthole, scanCount } from './support/cli';
import { expect, test } from './support/fixtures';
import { closedPorts } from './support/listeners';
import { expectHistory, historyRow, openHistory, windowRegainsFocus } from './support/history';

// The History keeps what a person did to it: a rename (and clearing it), a delete after the
// question (and nothing deleted on "Go back"), across a reload that stays on the History; scans
// the CLI writes into the same file show up when the window comes back to the front or reloads.

/** The row's title button: the scan's name, or its targets when it has none. */
const titleOf = (page: Page, scanId: number) => historyRow(page, scanId).locator('.history-title');

/** The page reloads on the History (the route is in the address) and lists `ids`. */
async function reloadOnHistory(page: Page, ids: number[]): Promise<void> {
  await page.reload();
  await expect(page.getByTestId('connection')).toContainText('websocket');
  await expect(page).toHaveURL(/#\/history$/);
  await expect(page.getByRole('heading', { name: 'History', level: 2 })).toBeVisible();
  await expectHistory(page, ids);
}

async function cliScan(databaseFile: string, port: number, name: string): Promise<number> {
  const run = await porthole(
    'scan',
    '127.0.0.1',
    '-p',
    String(port),
    '--name',
    name,
    '--db',
    databaseFile,
    '-q',
  );
  expect(run.code, run.stderr).toBe(0);
  const id = /\(scan #(\d+)\)/.exec(run.stdout)?.[1];
  if (id === undefined) throw new Error(`no scan id in the CLI's output:\n${run.stdout}`);
  return Number(id);
}

test('rename, clear the name, delete after the question, reload; CLI scans appear', async ({
  app: page,
  host,
  listeners,
}) => {
  const open = await listeners.any();
  const [closed] = await closedPorts(1);
  const first = await startScan(page, { targets: '127.0.0.1', ports: String(open) });
  await expect(statusBadge(page)).toHaveText('Completed');
  const second = await startScan(page, { targets: '127.0.0.1', ports: `${open},${closed}` });
  await expect(statusBadge(page)).toHaveText('Completed');

  await openHistory(page);
  await expectHistory(page, [second, first]);
  await expect(titleOf(page, second)).toHaveText('127.0.0.1');

  // Rename: type a name and save; the row, the sidebar and the history file all have it.
  await historyRow(page, second)
    .getByRole('button', { name: `Rename scan ${second}` })
    .click();
  const nameField = page.getByRole('textbox', { name: `Name of scan ${second}` });
  await expect(nameField).toBeFocused();
  await expect(nameField).toHaveValue('');
  await nameField.fill('Weekly check');
  await historyRow(page, second).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(nameField).toHaveCount(0);
  await expect(titleOf(page, second)).toHaveText('Weekly check');
  await expect(historyRow(page, second)).toContainText(`#${second} · `);
  await expect(historyRow(page, second).locator('.history-meta .mono')).toHaveText('127.0.0.1');
  await expect(sidebar(page).getByRole('button', { name: /Weekly check/ })).toBeVisible();
  const shown = await porthole('show', String(second), '--db', host.databaseFile);
  expect(shown.stdout).toContain(`Scan #${second} "Weekly check": completed`);

  // A rename given up (Cancel, or Escape) changes nothing.
  await historyRow(page, second)
    .getByRole('button', { name: `Rename scan ${second}` })
    .click();
  await expect(nameField).toHaveValue('Weekly check');
  await nameField.fill('Not this');
  await historyRow(page, second).getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(titleOf(page, second)).toHaveText('Weekly check');
  await historyRow(page, first)
    .getByRole('button', { name: `Rename scan ${first}` })
    .click();
  await page.getByRole('textbox', { name: `Name of scan ${first}` }).fill('Nor this');
  await page.getByRole('textbox', { name: `Name of scan ${first}` }).press('Escape');
  await expect(titleOf(page, first)).toHaveText('127.0.0.1');

  await reloadOnHistory(page, [second, first]);
  await expect(titleOf(page, second)).toHaveText('Weekly check');

  // Clearing the name: the row shows the targets again.
  await historyRow(page, second)
    .getByRole('button', { name: `Rename scan ${second}` })
    .click();
  await nameField.fill('');
  await nameField.press('Enter');
  await expect(titleOf(page, second)).toHaveText('127.0.0.1');
  await expect(historyRow(page, second).locator('.history-meta .mono')).toHaveCount(0);

  // Delete: "Go back" deletes nothing; "Delete scan" deletes it from the window and the file.
  await historyRow(page, first)
    .getByRole('button', { name: `Delete scan ${first}` })
    .click();
  const question = page.getByRole('dialog', { name: `Delete scan #${first}?` });
  await expect(question).toContainText('127.0.0.1');
  await expect(question).toContainText('leave the history for good');
  await question.getByRole('button', { name: 'Go back' }).click();
  await expect(question).toHaveCount(0);
  await expectHistory(page, [second, first]);
  expect(await scanCount(host.databaseFile)).toBe(2);

  await historyRow(page, first)
    .getByRole('button', { name: `Delete scan ${first}` })
    .click();
  await question.getByRole('button', { name: 'Delete scan' }).click();
  await expect(question).toHaveCount(0);
  await expectHistory(page, [second]);
  await expect(
    sidebar(page).locator('.scan-item-meta', { hasText: new RegExp(`^#${first} `) }),
  ).toHaveCount(0);
  expect(await scanCount(host.databaseFile)).toBe(1);

  await reloadOnHistory(page, [second]);
  await expect(titleOf(page, second)).toHaveText('127.0.0.1');

  // A scan from the CLI into the same file: listed once the window is back in front.
  const fromCli = await cliScan(host.databaseFile, open, 'From the CLI');
  await windowRegainsFocus(page);
  await expectHistory(page, [fromCli, second]);
  await expect(titleOf(page, fromCli)).toHaveText('From the CLI');
  await expect(historyRow(page, fromCli).getByTestId('scan-status')).toHaveText('Completed');
  await expect(historyRow(page, fromCli).locator('.history-counts')).toHaveText(
    /^1 open\s*0 closed · 0 filtered$/,
  );
  await expect(sidebar(page).getByRole('button', { name: /From the CLI/ })).toBeVisible();

  // And another, seen after a reload.
  const later = await cliScan(host.databaseFile, closed!, 'Later from the CLI');
  await reloadOnHistory(page, [later, fromCli, second]);
  await expect(titleOf(page, later)).toHaveText('Later from the CLI');
  await expect(historyRow(page, later).locator('.history-counts')).toHaveText(
    /^0 open\s*1 closed · 0 filtered$/,
  );
});
