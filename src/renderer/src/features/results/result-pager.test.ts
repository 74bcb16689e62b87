import { describe, expect, it, vi } from 'vitest';
import type { ResultPage } from '../../../../shared/history';
import { PAGE_SIZE, ResultPager } from './result-pager';
import { closedRow } from './test-rows';

// The pager's job is which pages to ask for and when; main's getResults is exercised for real
// by the store tests and the e2e suite, so here a function stands in for it and counts the asks.
const row = (i: number) => closedRow(i);

function source(total: number) {
  const asked: number[] = [];
  let fail = false;
  const fetch = (offset: number, limit: number): Promise<ResultPage> => {
    asked.push(offset);
    if (fail) return Promise.reject(new Error('database is locked'));
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) =>
      row(offset + i),
    );
    return Promise.resolve({ rows, total, offset, limit });
  };
  return { fetch, asked, failNext: () => (fail = true) };
}

describe('ResultPager', () => {
  it('asks once for each page the visible rows touch', async () => {
    const { fetch, asked } = source(1_000_000);
    const pager = new ResultPager(fetch);
    pager.ensure(0, 30);
    pager.ensure(0, 30);
    await vi.waitFor(() => expect(pager.total).toBe(1_000_000));
    expect(asked).toEqual([0]);
    pager.ensure(999_990, 999_999);
    await vi.waitFor(() => expect(pager.row(999_999)?.port).toBe(1_000_000));
    expect(asked).toEqual([0, 999_800]);
    expect(pager.row(PAGE_SIZE + 1)).toBeUndefined();
  });

  it('asks for pages side by side in one request', async () => {
    const { fetch, asked } = source(1_000_000);
    const pager = new ResultPager(fetch);
    pager.ensure(0, 0);
    await vi.waitFor(() => expect(pager.total).toBe(1_000_000));
    pager.ensure(PAGE_SIZE * 10 - 5, PAGE_SIZE * 10 + 5);
    await vi.waitFor(() => expect(pager.row(PAGE_SIZE * 10 + 5)).toBeDefined());
    expect(asked).toEqual([0, PAGE_SIZE * 9]);
    expect(pager.row(PAGE_SIZE * 10 - 5)?.port).toBe(PAGE_SIZE * 10 - 4);
    expect(pager.row(PAGE_SIZE * 10 + 5)?.port).toBe(PAGE_SIZE * 10 + 6);
  });

  it('after a refresh asks again for what is shown, keeping the old rows meanwhile', async () => {
    const { fetch, asked } = source(500);
    const pager = new ResultPager(fetch);
    pager.ensure(0, 10);
    await vi.waitFor(() => expect(pager.row(0)).toBeDefined());
    pager.refresh();
    expect(pager.row(0)).toBeDefined();
    pager.ensure(0, 10);
    await vi.waitFor(() => expect(asked).toEqual([0, 0]));
  });

  it('does not ask again and again for a page that failed', async () => {
    const { fetch, asked, failNext } = source(500);
    failNext();
    const pager = new ResultPager(fetch);
    pager.ensure(0, 10);
    await vi.waitFor(() => expect(pager.error).toBe('database is locked'));
    pager.ensure(0, 10);
    expect(asked).toEqual([0]);
  });
});
