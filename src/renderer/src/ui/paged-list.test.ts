import { describe, expect, it, vi } from 'vitest';
import { PagedList } from './paged-list';

// The list's job is which pages to ask for and when; listScans and getHosts are exercised for real
// by the store tests and the e2e suite, so a function stands in for them and records the asks.
function source(total: number, pageLimit = 100) {
  const asked: [number, number][] = [];
  let failing = false;
  const fetch = (offset: number, limit: number) => {
    asked.push([offset, limit]);
    if (failing) return Promise.reject(new Error('database is locked'));
    if (limit > pageLimit) return Promise.reject(new Error(`limit: must be at most ${pageLimit}`));
    const items = Array.from(
      { length: Math.max(0, Math.min(limit, total - offset)) },
      (_, i) => offset + i,
    );
    return Promise.resolve({ items, total });
  };
  return { fetch, asked, fail: (on: boolean) => (failing = on) };
}

describe('PagedList', () => {
  it('refreshes a long list page by page, never asking for more than a page at once', async () => {
    const { fetch, asked } = source(1200);
    const list = new PagedList(fetch, 100);
    list.subscribe(() => {});
    for (let n = 100; n < 700; n += 100) {
      await vi.waitFor(() => expect(list.getSnapshot().items).toHaveLength(n));
      list.loadMore();
    }
    await vi.waitFor(() => expect(list.getSnapshot().items).toHaveLength(700));
    asked.length = 0;
    list.refresh();
    await vi.waitFor(() => expect(asked).toHaveLength(7));
    expect(asked.every(([, limit]) => limit <= 100)).toBe(true);
    expect(list.getSnapshot()).toMatchObject({ error: null, total: 1200 });
    expect(list.getSnapshot().items).toHaveLength(700);
  });

  it('runs one refresh at a time and one more for what was asked meanwhile', async () => {
    const { fetch, asked } = source(50);
    const list = new PagedList(fetch, 100);
    list.subscribe(() => {});
    await vi.waitFor(() => expect(list.getSnapshot().total).toBe(50));
    asked.length = 0;
    list.refresh();
    list.refresh();
    list.refresh();
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    expect(list.getSnapshot().error).toBeNull();
  });

  it('says what failed, and a refresh reads again', async () => {
    const { fetch, fail } = source(50);
    fail(true);
    const list = new PagedList(fetch, 100);
    list.subscribe(() => {});
    await vi.waitFor(() => expect(list.getSnapshot().error).toBe('database is locked'));
    fail(false);
    list.refresh();
    await vi.waitFor(() => expect(list.getSnapshot().items).toHaveLength(50));
    expect(list.getSnapshot().error).toBeNull();
  });
});
