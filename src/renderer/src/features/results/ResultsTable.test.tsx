import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { userEvent } from 'vitest/browser';
import { DEFAULT_RESULT_SORT } from '../../../../shared/history';
import { ResultPager } from './result-pager';
import { ResultsTable } from './ResultsTable';
import { closedRow } from './test-rows';
// The app's own layout: without it the scroller has no height and every row would be drawn.
import '../../styles.css';

// The table's scrolling math over millions of rows; main's getResults is exercised for real by the
// store tests and the e2e suite, so a function stands in for it here.
function pagerOf(total: { n: number }) {
  const row = (i: number) => closedRow(i, (i % 65535) + 1);

  return new ResultPager((offset, limit) =>
    Promise.resolve({
      rows: Array.from({ length: Math.max(0, Math.min(limit, total.n - offset)) }, (_, i) =>
        row(offset + i),
      ),
      total: total.n,
      offset,
      limit,
    }),
  );
}

const shownRows = () =>
  [...document.querySelectorAll<HTMLElement>('[data-loaded="true"]')].map((r) =>
    Number(r.dataset.row),
  );

const visibleRows = (scroller: HTMLElement) => {
  const box = scroller.getBoundingClientRect();
  return [...scroller.querySelectorAll<HTMLElement>('[data-loaded="true"]')]
    .filter((r) => {
      const b = r.getBoundingClientRect();
      return b.bottom > box.top && b.top < box.bottom;
    })
    .map((r) => Number(r.dataset.row));
};

async function renderTable(pager: ResultPager) {
  const screen = await render(
    <div style={{ height: 600, display: 'flex', flexDirection: 'column' }}>
      <ResultsTable
        pager={pager}
        sort={DEFAULT_RESULT_SORT}
        onSort={() => {}}
        onOpenHost={() => {}}
        empty={null}
      />
    </div>,
  );
  return { screen, scroller: screen.getByTestId('results-scroller').element() as HTMLElement };
}

describe('ResultsTable over millions of rows', () => {
  it('reaches the last row, and keeps rows on screen when more arrive while scrolled', async () => {
    const total = { n: 2_000_000 };
    const pager = pagerOf(total);
    const { screen, scroller } = await renderTable(pager);
    await expect.poll(() => shownRows().length).toBeGreaterThan(5);
    scroller.scrollTop = scroller.scrollHeight;
    await expect.poll(() => Math.max(...visibleRows(scroller))).toBe(1_999_999);

    scroller.scrollTop = scroller.scrollHeight / 2;
    await expect.poll(() => visibleRows(scroller).length).toBeGreaterThan(5);
    const before = Math.min(...visibleRows(scroller));
    // A running scan commits more: the scale changes under a scroller that did not move.
    total.n = 2_400_000;
    pager.refresh();
    await expect
      .poll(() => screen.getByTestId('results-total').element().textContent)
      .toContain('2,400,000');
    await expect.poll(() => visibleRows(scroller).length).toBeGreaterThan(5);
    expect(Math.abs(Math.min(...visibleRows(scroller)) - before * 1.2)).toBeLessThan(2_000);
  });

  it('moves by rows with the keys when scaled, never skipping', async () => {
    const pager = pagerOf({ n: 2_000_000 });
    const { scroller } = await renderTable(pager);
    await expect.poll(() => visibleRows(scroller).length).toBeGreaterThan(5);
    scroller.focus();
    const first = Math.min(...visibleRows(scroller));
    await userEvent.keyboard('{PageDown}');
    await expect.poll(() => Math.min(...visibleRows(scroller))).toBeGreaterThan(first);
    const afterPage = Math.min(...visibleRows(scroller));
    const perPage = visibleRows(scroller).length;
    // One page down shows the next screen of rows, not several screens further.
    expect(afterPage - first).toBeLessThanOrEqual(perPage + 1);
    await userEvent.keyboard('{ArrowDown}');
    await expect.poll(() => Math.min(...visibleRows(scroller))).toBeGreaterThan(afterPage);
    expect(Math.min(...visibleRows(scroller)) - afterPage).toBeLessThanOrEqual(2);
  });
});
