import { expect, type Locator, type Page } from '@playwright/test';
import { ascending, currentScanId, sidebar, startScan, statusBadge } from './app';
import type { Listeners } from './listeners';

/** The History view's list of scans (the sidebar's lists are not named "Scans"). */
export const historyList = (page: Page): Locator => page.getByRole('list', { name: 'Scans' });

/** One scan's row in the History view. */
export const historyRow = (page: Page, scanId: number): Locator =>
  historyList(page).locator(`[role="listitem"][data-scan-id="${scanId}"]`);

/** Shows the History from the sidebar and waits until it has counted its scans. */
export async function openHistory(page: Page): Promise<void> {
  await sidebar(page).getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 2 })).toBeVisible();
  await expect(page.getByTestId('history-total')).toHaveText(/^\d[\d,]* scans?$/);
}

/** The ids of the History's rows, top to bottom. */
export async function historyIds(page: Page): Promise<number[]> {
  const ids = await historyList(page)
    .locator('[role="listitem"]')
    .evaluateAll((rows: { getAttribute(name: string): string | null }[]) =>
      rows.map((row) => Number(row.getAttribute('data-scan-id'))),
    );
  return ids;
}

/** "2 scans", "1 scan": what the History says it holds. */
export const scansText = (n: number): string => `${n} ${n === 1 ? 'scan' : 'scans'}`;

/** The History says it holds `ids.length` scans and lists `ids`, top to bottom. */
export async function expectHistory(page: Page, ids: number[]): Promise<void> {
  await expect(page.getByTestId('history-total')).toHaveText(scansText(ids.length));
  await expect.poll(() => historyIds(page)).toEqual(ids);
}

/** What the window does when it comes back to the front (headless pages never lose focus). */
export async function windowRegainsFocus(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as { dispatchEvent(e: Event): boolean }).dispatchEvent(
      new Event('focus'),
    );
  });
}

export interface TwoScans {
  first: number;
  second: number;
  /** The comma list both scans probed, on both hosts. */
  ports: string;
  /** Open on 127.0.0.1 in the first scan, stopped before the second. */
  stopped: number;
  /** Open on 127.0.0.1 in both scans. */
  kept: number;
  /** Closed in the first scan, opened on 127.0.0.2 before the second. */
  started: number;
}

/**
 * Two scans of the same targets (127.0.0.1-2, three ports each) from the window: the first from
 * the form, the second with "Scan again" on the first's page after one listener was stopped on
 * 127.0.0.1 and another started on 127.0.0.2. Between them, exactly two ports changed, on two
 * hosts: `stopped` is no longer open, `started` opened. Both scans: 2 open, 4 closed.
 */
export async function twoScans(page: Page, listeners: Listeners): Promise<TwoScans> {
  const stopped = await listeners.any();
  const kept = await listeners.any();
  // A port free on 127.0.0.2 now (bound once and released); it is opened between the scans.
  const started = await listeners.any({ host: '127.0.0.2' });
  await listeners.stop(started, '127.0.0.2');
  const ports = [stopped, kept, started].sort(ascending).join(',');

  const first = await startScan(page, { targets: '127.0.0.1-2', ports });
  await expect(statusBadge(page)).toHaveText('Completed');

  await listeners.stop(stopped);
  if ((await listeners.listen({ host: '127.0.0.2' }, started)) === null) {
    throw new Error(`127.0.0.2:${started} was taken between the scans`);
  }
  await page.getByRole('button', { name: 'Scan again', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'New scan' })).toBeVisible();
  await expect(page.getByLabel('Targets')).toHaveValue('127.0.0.1-2');
  await expect(page.getByLabel('Custom ports')).toHaveValue(ports);
  await page.getByRole('button', { name: 'Start scan' }).click();
  await expect(statusBadge(page)).toBeVisible();
  await expect(statusBadge(page)).toHaveText('Completed');
  const second = await currentScanId(page);
  expect(second).toBeGreaterThan(first);
  return { first, second, ports, stopped, kept, started };
}
