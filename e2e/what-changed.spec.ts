import { statusBadge } from './support/app';
import { csvObjects, downloadOf, parseCsv } from './support/downloads';
import { expect, test } from './support/fixtures';
import { expectHistory, historyList, historyRow, openHistory, twoScans } from './support/history';

// Two scans of the same targets with a service stopped and another started between them: the
// History lists both, the later one says what changed and draws the timeline, and the compare
// view lists, filters and exports the same two changes.

/**
 * One line of a change list: mark, port, the spoken kind, then before -> after (a port with an
 * IANA name shows the service after its state).
 */
const changeLine = (port: number, kind: 'opened' | 'no longer open'): RegExp =>
  kind === 'opened'
    ? new RegExp(`^\\+${port}/tcp\\s*opened:\\s*closed\\b.*→\\s*open\\b`)
    : new RegExp(`^−${port}/tcp\\s*no longer open:\\s*open\\b.*→\\s*closed\\b`);

const DIFF_HEADER =
  'host,hostname,port,protocol,kind,changed,before_state,after_state,' +
  'before_service,after_service,before_banner,after_banner';

/** The columns of an exported change that say where and what (services depend on the ports). */
const changeOf = (r: Record<string, string>) => ({
  host: r.host,
  port: Number(r.port),
  protocol: r.protocol,
  changed: r.changed,
  before: r.before_state,
  after: r.after_state,
});

test('the History lists both scans; the later one says what changed since the earlier', async ({
  app: page,
  listeners,
}) => {
  const { first, second, ports, stopped, started } = await twoScans(page, listeners);

  // What changed, at the top of the later scan's Overview: those two ports and nothing else.
  const changed = page.getByRole('region', { name: `What changed since scan #${first}` });
  await expect(changed).toBeVisible();
  await expect(
    changed.getByRole('list', { name: 'Changes in numbers' }).getByRole('listitem'),
  ).toHaveText(['+1 opened', '−1 no longer open', '~0 changed']);
  const rows = changed.locator('.change-row');
  await expect(rows).toHaveCount(2);
  const opened = changed.getByRole('region', { name: 'Changes on 127.0.0.2' }).locator('li');
  await expect(opened).toHaveCount(1);
  await expect(opened).toHaveText(changeLine(started, 'opened'));
  const gone = changed.getByRole('region', { name: 'Changes on 127.0.0.1' }).locator('li');
  await expect(gone).toHaveCount(1);
  await expect(gone).toHaveText(changeLine(stopped, 'no longer open'));

  // The timeline of these targets has both scans.
  await expect(
    page.getByRole('heading', { name: 'Open ports over 2 scans of these targets' }),
  ).toBeVisible();

  // The History: newest first, both completed, with their counts.
  await openHistory(page);
  await expect(page).toHaveURL(/#\/history$/);
  await expectHistory(page, [second, first]);
  for (const id of [first, second]) {
    const row = historyRow(page, id);
    await expect(row.getByTestId('scan-status')).toHaveText('Completed');
    await expect(row.getByRole('button', { name: '127.0.0.1-2' })).toBeVisible();
    await expect(row).toContainText(`#${id} · `);
    await expect(row).toContainText(`ports ${ports}`);
    await expect(row.locator('.history-counts')).toHaveText(/^2 open\s*4 closed · 0 filtered$/);
    await expect(row.getByRole('checkbox', { name: `Select scan ${id} to compare` })).toBeVisible();
  }

  // From the History to the later scan, and from its What changed to the earlier one, one click.
  await historyRow(page, second).getByRole('button', { name: '127.0.0.1-2' }).click();
  await expect(page).toHaveURL(new RegExp(`#/scan/${second}/overview$`));
  await changed.getByRole('button', { name: `Open #${first}` }).click();
  await expect(page).toHaveURL(new RegExp(`#/scan/${first}/overview$`));
  await expect(page.locator('.scan-meta')).toContainText(`#${first} · ports ${ports}`);
  await expect(statusBadge(page)).toHaveText('Completed');
  // The earlier scan has no earlier one: nothing to say what changed since.
  await expect(
    page.getByRole('heading', { name: 'Open ports over 2 scans of these targets' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: /^What changed since/ })).toHaveCount(0);
});

test('two scans compared from the History: changes by host, kind chips, CSV export', async ({
  app: page,
  listeners,
}) => {
  const { first, second, stopped, started } = await twoScans(page, listeners);
  await openHistory(page);
  await expect(page.getByRole('button', { name: 'Compare', exact: true })).toBeDisabled();
  await historyList(page)
    .getByRole('checkbox', { name: `Select scan ${second} to compare` })
    .check();
  await expect(page.getByRole('button', { name: 'Compare', exact: true })).toBeDisabled();
  await historyList(page)
    .getByRole('checkbox', { name: `Select scan ${first} to compare` })
    .check();
  await expect(page.getByText(`#${first} and #${second} selected`)).toBeVisible();
  await page.getByRole('button', { name: 'Compare', exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`#/compare/${first}/${second}$`));
  await expect(
    page.getByRole('heading', { name: `Compare #${first} and #${second}` }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: `#${first} 127.0.0.1-2` })).toBeVisible();
  await expect(page.getByRole('button', { name: `#${second} 127.0.0.1-2` })).toBeVisible();

  // Grouped by host, in address order: what went on 127.0.0.1, what came on 127.0.0.2.
  const hosts = page.getByRole('region', { name: /^Changes on / });
  const onFirstHost = page.getByRole('region', { name: 'Changes on 127.0.0.1' });
  const onSecondHost = page.getByRole('region', { name: 'Changes on 127.0.0.2' });
  const chips = page.getByRole('radiogroup', { name: 'Changes shown' });
  const chip = (label: string) => chips.getByRole('radio', { name: new RegExp(`^${label}`) });

  const expectShown = async (kind: string, count: number, regions: string[]) => {
    await chip(kind).click();
    await expect(chip(kind)).toHaveAttribute('aria-checked', 'true');
    await expect(chip(kind).locator('.chip-count')).toHaveText(String(count));
    await expect(hosts).toHaveCount(regions.length);
    for (const [i, name] of regions.entries()) {
      await expect(hosts.nth(i)).toHaveAccessibleName(`Changes on ${name}`);
    }
  };

  await expectShown('Everything', 2, ['127.0.0.1', '127.0.0.2']);
  await expect(onFirstHost.locator('li')).toHaveText([changeLine(stopped, 'no longer open')]);
  await expect(onSecondHost.locator('li')).toHaveText([changeLine(started, 'opened')]);

  await expectShown('Opened', 1, ['127.0.0.2']);
  await expect(onSecondHost.locator('li')).toHaveText([changeLine(started, 'opened')]);

  await expectShown('No longer open', 1, ['127.0.0.1']);
  await expect(onFirstHost.locator('li')).toHaveText([changeLine(stopped, 'no longer open')]);

  await expectShown('Changed', 0, []);
  await expect(page.getByText('No change of this kind.')).toBeVisible();

  // Export CSV: every change of the comparison, header first, grouped by host, states as shown.
  await expectShown('Everything', 2, ['127.0.0.1', '127.0.0.2']);
  const all = await downloadOf(page, () =>
    page.getByRole('button', { name: 'Export CSV' }).click(),
  );
  expect(all.name).toBe(`porthole-diff-${first}-to-${second}.csv`);
  expect(parseCsv(all.text)[0]!.join(',')).toBe(DIFF_HEADER);
  expect(csvObjects(all.text).map(changeOf)).toEqual([
    {
      host: '127.0.0.1',
      port: stopped,
      protocol: 'tcp',
      changed: 'state',
      before: 'open',
      after: 'closed',
    },
    {
      host: '127.0.0.2',
      port: started,
      protocol: 'tcp',
      changed: 'state',
      before: 'closed',
      after: 'open',
    },
  ]);
});

test('the exported comparison reads each change as the window does: kind column and kind chips', async ({
  app: page,
  listeners,
}) => {
  // The file reads each change with shared/diff-kind as the chips do (closed -> open is
  // "added"); before that fix the export said "changed" and its "Opened" file left the port out.
  const { first, second, stopped, started } = await twoScans(page, listeners);
  await page.goto(`${new URL(page.url()).origin}/#/compare/${first}/${second}`);
  await expect(
    page.getByRole('heading', { name: `Compare #${first} and #${second}` }),
  ).toBeVisible();
  const chips = page.getByRole('radiogroup', { name: 'Changes shown' });
  const kinds = async (label: string) => {
    await chips.getByRole('radio', { name: new RegExp(`^${label}`) }).click();
    const file = await downloadOf(page, () =>
      page.getByRole('button', { name: 'Export CSV' }).click(),
    );
    return csvObjects(file.text).map((r) => `${r.host}:${r.port} ${r.kind}`);
  };
  expect
    .soft(await kinds('Everything'))
    .toEqual([`127.0.0.1:${stopped} removed`, `127.0.0.2:${started} added`]);
  expect.soft(await kinds('Opened')).toEqual([`127.0.0.2:${started} added`]);
  expect.soft(await kinds('No longer open')).toEqual([`127.0.0.1:${stopped} removed`]);
  expect.soft(await kinds('Changed')).toEqual([]);
});
