import { expect, type Locator, type Page } from '@playwright/test';
import { countIn } from './app';

export interface ResultRow {
  host: string;
  port: number;
  state: string;
  service: string;
  banner: string;
}

/** Just enough of a DOM element for the reads below (the e2e code is compiled without DOM types). */
interface RowElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
}

export const resultsTable = (page: Page): Locator => page.getByRole('table', { name: 'Results' });
export const queryBox = (page: Page): Locator => page.getByRole('searchbox', { name: 'Query' });

export async function openResults(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByRole('tab', { name: 'Results' })).toHaveAttribute('aria-selected', 'true');
}

export async function setQuery(page: Page, query: string): Promise<void> {
  await queryBox(page).fill(query);
}

/** The count under the table ("1,234 results"); null while it loads. */
export async function resultsTotal(page: Page): Promise<number | null> {
  const text = (await page.getByTestId('results-total').textContent()) ?? '';
  return /^[\d,]+ results?$/.test(text) ? countIn(text) : null;
}

/**
 * The loaded rows on screen, in row order, read in one pass so a refresh of a running scan's
 * table cannot mix two versions. Columns as the table has them: Host, Hostname, Port, Proto,
 * State, Reason, RTT, Service, Banner, Scanned.
 */
export async function visibleRows(page: Page): Promise<ResultRow[]> {
  const rows = await resultsTable(page)
    .locator('[role="row"][data-loaded="true"]')
    .evaluateAll((elements: RowElement[]) =>
      elements
        .map((row) => ({
          index: Number(row.getAttribute('data-row')),
          cells: Array.from(row.querySelectorAll('[role="cell"]'), (c) => c.textContent ?? ''),
        }))
        .sort((a, b) => a.index - b.index)
        .map((row) => row.cells),
    );
  return rows.map((cells) => ({
    host: cells[0] ?? '',
    port: Number(cells[2]),
    state: cells[4] ?? '',
    service: cells[7] ?? '',
    banner: cells[8] ?? '',
  }));
}

/** Waits until the table settles on exactly these ports (any order) and its total agrees. */
export async function expectPorts(page: Page, ports: readonly number[]): Promise<void> {
  const sorted = [...ports].sort((a, b) => a - b);
  await expect
    .poll(async () => (await visibleRows(page)).map((r) => r.port).sort((a, b) => a - b))
    .toEqual(sorted);
  await expect(page.getByTestId('results-total')).toHaveText(
    `${sorted.length} ${sorted.length === 1 ? 'result' : 'results'}`,
  );
}

/** A column header of the Results table, whose aria-sort tells the order. */
export const columnHeader = (page: Page, label: string): Locator =>
  resultsTable(page).getByRole('columnheader', { name: label, exact: true });

export async function sortBy(page: Page, label: string, direction: 'ascending' | 'descending') {
  const header = columnHeader(page, label);
  for (let i = 0; i < 2; i += 1) {
    if ((await header.getAttribute('aria-sort')) === direction) return;
    await header.getByRole('button').click();
  }
  await expect(header).toHaveAttribute('aria-sort', direction);
}
