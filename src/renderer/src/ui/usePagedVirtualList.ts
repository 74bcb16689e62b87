import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { PagedList, PagedListState } from './paged-list';

export interface PagedVirtualList<T> {
  list: PagedListState<T>;
  scroller: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
}

/**
 * A PagedList shown as a virtual list: only the visible rows exist, the next page is asked for
 * as the end comes into view, and the pages shown are read again whenever `refreshTick` grows.
 */
export function usePagedVirtualList<T>(
  pages: PagedList<T>,
  refreshTick: number,
  rowHeight: number,
): PagedVirtualList<T> {
  const list = useSyncExternalStore(pages.subscribe, pages.getSnapshot);
  useEffect(() => {
    if (refreshTick > 0) pages.refresh();
  }, [refreshTick, pages]);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual; no React Compiler here
  const virtualizer = useVirtualizer({
    count: list.items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 6,
  });
  const lastIndex = virtualizer.getVirtualItems().at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastIndex >= list.items.length - 8) pages.loadMore();
  }, [lastIndex, list.items.length, pages]);
  return { list, scroller, virtualizer };
}
