import { expect, type Locator, type Page } from '@playwright/test';

/** For Array.prototype.sort on numbers. */
export const ascending = (a: number, b: number): number => a - b;

export type PortsPreset = 'Top 100' | 'Top 1,000' | 'All 65,535' | 'Custom';

export interface ScanFormInput {
  targets: string;
  /** Custom ports (chooses the Custom preset); omitted: `preset`, or the form's default. */
  ports?: string;
  preset?: PortsPreset;
  /** Advanced > Rate (probes/s). */
  rate?: number;
  banners?: boolean;
  name?: string;
}

/** "12,345" or "12,345 of 65,535 · 18.8%" -> 12345 (the first number). */
export function countIn(text: string | null): number {
  const match = /[\d,]+/.exec(text ?? '');
  if (!match) throw new Error(`no number in "${text}"`);
  return Number(match[0].replace(/,/g, ''));
}

export const sidebar = (page: Page): Locator => page.getByRole('navigation', { name: 'Scans' });
export const statusBadge = (page: Page): Locator => page.getByTestId('scan-status');

export async function choosePreset(page: Page, preset: PortsPreset): Promise<void> {
  // The radio is visually hidden behind its label, as in a segmented control: click the label.
  await page.getByRole('group', { name: 'Ports' }).getByText(preset, { exact: true }).click();
  await expect(page.getByRole('radio', { name: preset })).toBeChecked();
}

export async function openAdvanced(page: Page): Promise<void> {
  const summary = page.getByText('Advanced', { exact: true });
  if (!(await page.getByLabel('Retries').isVisible())) await summary.click();
  await expect(page.getByLabel('Retries')).toBeVisible();
}

export async function fillScanForm(page: Page, input: ScanFormInput): Promise<void> {
  await page.getByLabel('Targets').fill(input.targets);
  if (input.ports !== undefined) {
    await choosePreset(page, 'Custom');
    await page.getByLabel('Custom ports').fill(input.ports);
  } else if (input.preset) {
    await choosePreset(page, input.preset);
  }
  if (input.name !== undefined) await page.getByLabel('Name').fill(input.name);
  if (input.rate !== undefined || input.banners !== undefined) await openAdvanced(page);
  if (input.rate !== undefined) await page.getByLabel('Rate (probes/s)').fill(String(input.rate));
  if (input.banners !== undefined) {
    await page.getByLabel('Grab banners from open ports').setChecked(input.banners);
  }
}

/** The id of the scan the window shows, from the sidebar entry marked current ("#12 · …"). */
export async function currentScanId(page: Page): Promise<number> {
  const current = sidebar(page).locator('[aria-current="page"]');
  await expect(current).toContainText(/#\d+/);
  const id = /#(\d+)/.exec((await current.textContent()) ?? '')?.[1];
  if (id === undefined) throw new Error('the current scan entry names no id');
  return Number(id);
}

/** Opens the form, fills it, starts the scan; resolves its id once its view shows it. */
export async function startScan(page: Page, input: ScanFormInput): Promise<number> {
  await sidebar(page).getByRole('button', { name: '+ New scan' }).click();
  await expect(page.getByRole('heading', { name: 'New scan' })).toBeVisible();
  await fillScanForm(page, input);
  await page.getByRole('button', { name: 'Start scan' }).click();
  await expect(statusBadge(page)).toBeVisible();
  return currentScanId(page);
}

/** Probed so far and planned, from the progress figures ("1,234 of 65,535 · 1.8%"). */
export async function progress(page: Page): Promise<{ done: number; total: number | null }> {
  const text = (await page.getByTestId('progress-done').textContent()) ?? '';
  const match = /^([\d,]+)(?:\s*of\s*([\d,]+))?/.exec(text.trim());
  if (!match) throw new Error(`unexpected progress "${text}"`);
  return { done: countIn(match[1]!), total: match[2] ? countIn(match[2]) : null };
}

export const probed = async (page: Page): Promise<number> => (await progress(page)).done;

/**
 * A state's count in the legend of the Port states card. The legend item's text runs name, count
 * and share together ("open150%"), so the count is read from its own element.
 */
export async function stateCount(page: Page, state: string): Promise<number> {
  return countIn(await page.getByTestId(`count-${state}`).locator('.state-count').textContent());
}

/**
 * Waits until `read` gives the same value twice, `apartMs` apart (a count that stopped moving),
 * and resolves that value; fails after `timeout`.
 */
export async function settledValue(
  page: Page,
  read: () => Promise<number>,
  apartMs = 1000,
  timeout = 20_000,
): Promise<number> {
  let last = NaN;
  await expect
    .poll(
      async () => {
        const before = await read();
        await page.waitForTimeout(apartMs);
        last = await read();
        return last === before;
      },
      { timeout, intervals: [0] },
    )
    .toBe(true);
  return last;
}
