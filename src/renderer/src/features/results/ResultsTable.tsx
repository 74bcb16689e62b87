import {
  elementScroll,
  observeElementOffset,
  useVirtualizer,
  type Virtualizer,
} from '@tanstack/react-virtual';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { ResultSort } from '../../../../shared/history';
import { formatCount } from '../../ui/format';
import { COLUMNS, GRID_TEMPLATE } from './columns';
import type { ResultPager } from './result-pager';

const ROW = 28;
/** Browsers cap an element's height (Chromium near 33.5 million px): past this, scrolling is scaled. */
const MAX_SCROLL_PX = 8_000_000;

interface Props {
  pager: ResultPager;
  sort: ResultSort;
  onSort(sort: ResultSort): void;
  onOpenHost(host: string, hostname: string | null): void;
  /** Shown in place of rows when nothing matches. */
  empty: ReactNode;
}

/**
 * A million rows as a fixed-height scroller: only the visible rows exist, their pages are fetched
 * as they come into view. Past MAX_SCROLL_PX the scrollbar maps proportionally onto the rows, so
 * the first and the last row are both reachable whatever the count.
 */
export function ResultsTable({ pager, sort, onSort, onOpenHost, empty }: Props) {
  const version = useSyncExternalStore((l) => pager.subscribe(l), pager.getVersion);
  const count = pager.total ?? 0;
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(400);
  const fullSize = count * ROW;
  const scrollSize = Math.min(fullSize, MAX_SCROLL_PX);
  const scale =
    fullSize > MAX_SCROLL_PX ? (fullSize - viewport) / Math.max(1, scrollSize - viewport) : 1;
  const scaleRef = useRef(scale);
  scaleRef.current = scale;

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual; no React Compiler here
  const virtualizer: Virtualizer<HTMLDivElement, Element> = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 10,
    observeElementOffset: (instance, callback) =>
      observeElementOffset(instance, (offset, scrolling) =>
        callback(offset * scaleRef.current, scrolling),
      ),
    scrollToFn: (offset, options, instance) =>
      elementScroll(offset / scaleRef.current, options, instance),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  // Every change (a page landed, a refresh) re-checks the visible pages; up-to-date ones cost nothing.
  useEffect(() => pager.ensure(first, last), [pager, first, last, version]);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // The virtualizer reads the offset on scroll events only: when the scale changes (more rows
  // arrived, the window was resized) it must read it again, or it keeps rows of the old scale.
  useEffect(() => {
    const frame = requestAnimationFrame(() => scroller.current?.dispatchEvent(new Event('scroll')));
    return () => cancelAnimationFrame(frame);
  }, [scale]);
  // Scaled, one pixel of the scrollbar is several rows: the wheel and the keys move by rows and
  // pages of rows instead, so nothing is skipped; the scrollbar's thumb still jumps anywhere.
  useEffect(() => {
    const element = scroller.current;
    if (!element || scale === 1) return;
    const by = (virtualPixels: number) => {
      element.scrollTop += virtualPixels / scaleRef.current;
    };
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const unit = event.deltaMode === 1 ? ROW : event.deltaMode === 2 ? element.clientHeight : 1;
      by(event.deltaY * unit);
    };
    const onKey = (event: KeyboardEvent) => {
      const page = element.clientHeight - ROW;
      const step: Record<string, number> = {
        ArrowDown: ROW,
        ArrowUp: -ROW,
        PageDown: page,
        PageUp: -page,
        ' ': event.shiftKey ? -page : page,
      };
      const move = step[event.key];
      if (move === undefined) return;
      event.preventDefault();
      by(move);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('keydown', onKey);
    return () => {
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('keydown', onKey);
    };
  }, [scale]);

  const virtualOffset = virtualizer.scrollOffset ?? 0;
  const shift = virtualOffset / scale - virtualOffset;
  const toggle = (column: ResultSort['column']) =>
    onSort({
      column,
      direction: sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc',
    });

  return (
    <div
      className="table results-table"
      role="table"
      aria-label="Results"
      aria-rowcount={count + 1}
    >
      <div className="table-head" role="row" style={{ gridTemplateColumns: GRID_TEMPLATE }}>
        {COLUMNS.map((column) => (
          <span
            key={column.sort}
            role="columnheader"
            aria-sort={
              sort.column === column.sort
                ? sort.direction === 'asc'
                  ? 'ascending'
                  : 'descending'
                : 'none'
            }
          >
            <button type="button" className="sort-button" onClick={() => toggle(column.sort)}>
              {column.label}
              <span className="sort-mark" aria-hidden="true">
                {sort.column === column.sort ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
              </span>
            </button>
          </span>
        ))}
      </div>
      <div
        ref={scroller}
        className="table-body results-body"
        data-testid="results-scroller"
        tabIndex={0}
        aria-label="Result rows"
      >
        {pager.total === 0 && <div className="table-empty">{empty}</div>}
        <div style={{ height: scrollSize, position: 'relative' }}>
          {items.map((item) => {
            const row = pager.row(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={row ? `table-row state-${row.state}` : 'table-row loading'}
                data-row={item.index}
                data-loaded={row ? 'true' : 'false'}
                style={{
                  transform: `translateY(${item.start + shift}px)`,
                  height: ROW,
                  gridTemplateColumns: GRID_TEMPLATE,
                }}
                onDoubleClick={() => row && onOpenHost(row.host, row.hostname)}
              >
                {row ? (
                  COLUMNS.map((column) => (
                    <span
                      key={column.sort}
                      role="cell"
                      className={
                        column.sort === 'state'
                          ? `state-text ${row.state}`
                          : column.mono
                            ? 'mono'
                            : undefined
                      }
                      title={column.title?.(row)}
                    >
                      {column.sort === 'host' ? (
                        <button
                          type="button"
                          className="link"
                          onClick={() => onOpenHost(row.host, row.hostname)}
                        >
                          {row.host}
                        </button>
                      ) : (
                        column.text(row)
                      )}
                    </span>
                  ))
                ) : (
                  <span role="cell" className="muted">
                    …
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <p className="table-foot muted" aria-live="polite" data-testid="results-total">
        {pager.error ? (
          <>
            The results cannot be read: {pager.error}{' '}
            <button type="button" className="link" onClick={() => pager.refresh()}>
              Try again
            </button>
          </>
        ) : pager.total === null ? (
          'Loading…'
        ) : (
          `${formatCount(pager.total)} ${pager.total === 1 ? 'result' : 'results'}`
        )}
      </p>
    </div>
  );
}
