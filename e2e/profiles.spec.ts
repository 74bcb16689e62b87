import type { Page } from '@playwright/test';
import {
  ascending,
  choosePreset,
  currentScanId,
  openAdvanced,
  sidebar,
  statusBadge,
} from './support/app';
import { callFromPage } from './support/contract';
import { expect, test } from './support/fixtures';
import { closedPorts } from './support/listeners';
import { expectPorts, openResults } from './support/results';

// Profiles in the form: the form saved under a name, found again after a reload, filling the form
// back field by field, a scan started from it, then renamed and deleted.
// The name dialog is a form opened from inside the New scan form: it is rendered at the end of
// <body> (ui/Modal), else its submit never reaches React and Chromium submits it natively; the
// "Save as profile" and "Rename" tests below failed that way before the fix.

interface Settings {
  targets: string;
  /** The timing template the radio stands for. */
  template: number;
  exclude: string;
  ports: string;
  /** The timing radio's name starts with this ("Fast T4 …"). */
  timing: RegExp;
  concurrency: string;
  timeoutMs: string;
  retries: string;
  rate: string;
  banners: boolean;
  randomOrder: boolean;
  name: string;
}

const profileSelect = (page: Page) => page.getByRole('combobox', { name: 'Profile' });

async function fillAll(page: Page, s: Settings): Promise<void> {
  await page.getByLabel('Targets').fill(s.targets);
  await choosePreset(page, 'Custom');
  await page.getByLabel('Custom ports').fill(s.ports);
  // The radio is drawn under its label, as the ports presets are: click the label.
  const timing = page.getByRole('radio', { name: s.timing });
  await page.getByRole('group', { name: 'Timing' }).locator('label', { has: timing }).click();
  await expect(timing).toBeChecked();
  await page.getByLabel('Name').fill(s.name);
  await openAdvanced(page);
  await page.getByLabel('Exclude').fill(s.exclude);
  await page.getByLabel('Concurrency').fill(s.concurrency);
  await page.getByLabel('Timeout (ms)').fill(s.timeoutMs);
  await page.getByLabel('Retries').fill(s.retries);
  await page.getByLabel('Rate (probes/s)').fill(s.rate);
  await page.getByLabel('Grab banners from open ports').setChecked(s.banners);
  await page.getByLabel('Probe ports in random order').setChecked(s.randomOrder);
}

async function expectFilledWith(page: Page, s: Settings): Promise<void> {
  await expect(page.getByLabel('Targets')).toHaveValue(s.targets);
  await expect(page.getByRole('radio', { name: 'Custom' })).toBeChecked();
  await expect(page.getByLabel('Custom ports')).toHaveValue(s.ports);
  await expect(page.getByRole('radio', { name: s.timing })).toBeChecked();
  await expect(page.getByLabel('Name')).toHaveValue(s.name);
  await openAdvanced(page);
  await expect(page.getByLabel('Exclude')).toHaveValue(s.exclude);
  await expect(page.getByLabel('Concurrency')).toHaveValue(s.concurrency);
  await expect(page.getByLabel('Timeout (ms)')).toHaveValue(s.timeoutMs);
  await expect(page.getByLabel('Retries')).toHaveValue(s.retries);
  await expect(page.getByLabel('Rate (probes/s)')).toHaveValue(s.rate);
  await expect(page.getByLabel('Grab banners from open ports')).toBeChecked({
    checked: s.banners,
  });
  await expect(page.getByLabel('Probe ports in random order')).toBeChecked({
    checked: s.randomOrder,
  });
}

/** A fresh page on the form: nothing typed, the Top 100 preset, Normal timing. */
async function reloadToBlankForm(page: Page): Promise<void> {
  await page.reload();
  await expect(page.getByTestId('connection')).toContainText('websocket');
  await sidebar(page).getByRole('button', { name: '+ New scan' }).click();
  await expect(page.getByRole('heading', { name: 'New scan' })).toBeVisible();
  await expect(page.getByLabel('Targets')).toHaveValue('');
  await expect(page.getByRole('radio', { name: 'Top 100' })).toBeChecked();
}

function listenersSettings(ports: string): Settings {
  return {
    // 127.0.0.2-3 are excluded: only 127.0.0.1 is probed.
    targets: '127.0.0.1-3',
    exclude: '127.0.0.2-3',
    ports,
    template: 4,
    timing: /^Fast T4/,
    concurrency: '50',
    timeoutMs: '800',
    retries: '1',
    rate: '500',
    banners: true,
    randomOrder: true,
    name: 'Nightly loopback',
  };
}

/** The request the form sends for `s` (scan-form.ts's checkForm), saved as a profile by the contract. */
async function saveProfileByContract(page: Page, name: string, s: Settings): Promise<void> {
  await callFromPage(page, 'saveProfile', {
    name,
    request: {
      targets: s.targets,
      exclude: s.exclude,
      ports: s.ports,
      timing: s.template,
      concurrency: Number(s.concurrency),
      timeoutMs: Number(s.timeoutMs),
      retries: Number(s.retries),
      rate: Number(s.rate),
      banners: s.banners,
      order: s.randomOrder ? 'random' : 'sequential',
      name: s.name,
    },
  });
}

test('“Save as profile…” saves the form under a name, found again after a reload', async ({
  app: page,
}) => {
  const settings = listenersSettings('22,80,443');
  await expect(profileSelect(page)).toHaveValue('');
  await expect(profileSelect(page).locator('option')).toHaveText(['No saved profiles']);
  await fillAll(page, settings);
  const before = page.url();
  await page.getByRole('button', { name: 'Save as profile…' }).click();
  const saveDialog = page.getByRole('dialog', { name: 'Save these settings as a profile' });
  await expect(saveDialog.getByRole('textbox', { name: 'Profile name' })).toBeFocused();
  await saveDialog.getByRole('textbox', { name: 'Profile name' }).fill('Loopback T4');
  await saveDialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(saveDialog).toHaveCount(0);
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved profile “Loopback T4”.' }),
  ).toBeVisible();
  await expect(profileSelect(page)).toHaveValue('Loopback T4');
  expect(page.url()).toBe(before);
  await expectFilledWith(page, settings);

  await reloadToBlankForm(page);
  await expect(profileSelect(page).locator('option')).toHaveText([
    'Choose a profile…',
    'Loopback T4',
  ]);
});

test('a profile fills the form back after a reload, starts its scan, and is deleted after the question', async ({
  app: page,
  listeners,
}) => {
  const bannerText = 'SSH-2.0-Porthole_Profile';
  const open = [await listeners.any({ banner: `${bannerText}\r\n` }), await listeners.any()].sort(
    ascending,
  );
  const [closed] = await closedPorts(1);
  const settings = listenersSettings([...open, closed].join(','));
  await saveProfileByContract(page, 'Loopback T4', settings);

  // After a reload the form is blank; choosing the profile fills every field back.
  await reloadToBlankForm(page);
  await expect(profileSelect(page).locator('option')).toHaveText([
    'Choose a profile…',
    'Loopback T4',
  ]);
  await profileSelect(page).selectOption('Loopback T4');
  await expectFilledWith(page, settings);
  await expect(page.getByRole('button', { name: 'Rename', exact: true })).toBeVisible();

  // A scan from it: only 127.0.0.1, its two listeners open, named as the profile says.
  await page.getByRole('button', { name: 'Start scan' }).click();
  await expect(statusBadge(page)).toBeVisible();
  await expect(statusBadge(page)).toHaveText('Completed');
  const scanId = await currentScanId(page);
  await expect(page.getByRole('heading', { name: settings.name, level: 2 })).toBeVisible();
  await expect(page.locator('.scan-meta')).toContainText(
    `#${scanId} · ports ${settings.ports} · started`,
  );
  await expect(page.locator('.scan-meta')).toContainText('· 1 host ·');
  await openResults(page);
  await expectPorts(page, open);
  await expect(page.getByRole('table', { name: 'Results' })).toContainText(bannerText);

  // The scan stored every setting: after a reload, its "Scan again" fills the form the same way.
  await reloadToBlankForm(page);
  await sidebar(page)
    .getByRole('button', { name: new RegExp(`${settings.name} #${scanId} `) })
    .click();
  await expect(statusBadge(page)).toHaveText('Completed');
  await page.getByRole('button', { name: 'Scan again', exact: true }).click();
  await expectFilledWith(page, settings);

  // Delete it: "Go back" keeps it; "Delete profile" removes it and leaves the form as it is.
  await profileSelect(page).selectOption('Loopback T4');
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const deleteDialog = page.getByRole('dialog', { name: 'Delete profile “Loopback T4”?' });
  await deleteDialog.getByRole('button', { name: 'Go back' }).click();
  await expect(deleteDialog).toHaveCount(0);
  await expect(profileSelect(page)).toHaveValue('Loopback T4');
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await deleteDialog.getByRole('button', { name: 'Delete profile' }).click();
  await expect(deleteDialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Profile deleted.' })).toBeVisible();
  await expect(profileSelect(page)).toHaveValue('');
  await expect(profileSelect(page).locator('option')).toHaveText(['No saved profiles']);
  await expect(page.getByRole('button', { name: 'Rename', exact: true })).toHaveCount(0);
  await expectFilledWith(page, settings);
  await reloadToBlankForm(page);
  await expect(profileSelect(page).locator('option')).toHaveText(['No saved profiles']);
});

test('a profile renamed from the form keeps its settings under the new name', async ({
  app: page,
}) => {
  const settings = listenersSettings('22,80,443');
  await saveProfileByContract(page, 'Loopback T4', settings);
  await reloadToBlankForm(page);
  await profileSelect(page).selectOption('Loopback T4');
  await expectFilledWith(page, settings);
  const before = page.url();
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  const renameDialog = page.getByRole('dialog', { name: 'Rename profile “Loopback T4”' });
  await expect(renameDialog.getByRole('textbox', { name: 'New name' })).toHaveValue('Loopback T4');
  await renameDialog.getByRole('textbox', { name: 'New name' }).fill('Loopback fast');
  await renameDialog.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(renameDialog).toHaveCount(0);
  await expect(
    page.getByRole('status').filter({ hasText: 'Renamed to “Loopback fast”.' }),
  ).toBeVisible();
  await expect(profileSelect(page)).toHaveValue('Loopback fast');
  expect(page.url()).toBe(before);

  await reloadToBlankForm(page);
  await expect(profileSelect(page).locator('option')).toHaveText([
    'Choose a profile…',
    'Loopback fast',
  ]);
  await profileSelect(page).selectOption('Loopback fast');
  await expectFilledWith(page, settings);
});
