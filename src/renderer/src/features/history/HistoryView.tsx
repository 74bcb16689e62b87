import { useMemo, useState } from 'react';
import { SCAN_STATUSES, type ScanId, type ScanStatus } from '../../../../shared/domain';
import type { ScanSummary } from '../../../../shared/history';
import { portholeApi } from '../../api';
import { useStore } from '../../store';
import { plural } from '../../ui/format';
import { PagedList } from '../../ui/paged-list';
import { usePagedVirtualList } from '../../ui/usePagedVirtualList';
import { useDebounced } from '../../ui/useDebounced';
import { EMPTY_HISTORY_FILTER, historyQuery, type HistoryFilter } from './history-query';
import { HistoryRow, HISTORY_ROW_HEIGHT } from './HistoryRow';
import { useHistoryRefresh } from './useHistoryRefresh';

const PAGE = 100;

/** Every scan, from the window and the command line alike: search, filter, open, compare. */
export function HistoryView() {
  const navigate = useStore((s) => s.navigate);
  const [filter, setFilter] = useState<HistoryFilter>(EMPTY_HISTORY_FILTER);
  const [selected, setSelected] = useState<ScanId[]>([]);
  const settled = useDebounced(filter, 250);
  const query = useMemo(() => historyQuery(settled), [settled]);
  const pages = useMemo(
    () =>
      new PagedList<ScanSummary>(
        (offset, limit) =>
          portholeApi()
            .call('listScans', { ...query, offset, limit })
            .then((page) => ({ items: page.scans, total: page.total })),
        PAGE,
      ),
    [query],
  );
  const { list, scroller, virtualizer } = usePagedVirtualList(
    pages,
    useHistoryRefresh(),
    HISTORY_ROW_HEIGHT,
  );
  const items = virtualizer.getVirtualItems();

  const toggleSelected = (id: ScanId) =>
    setSelected((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now, id].slice(-2)));
  const toggleStatus = (status: ScanStatus) =>
    setFilter((f) => ({
      ...f,
      statuses: f.statuses.includes(status)
        ? f.statuses.filter((s) => s !== status)
        : [...f.statuses, status],
    }));
  const compare = () => {
    const [a, b] = [...selected].sort((x, y) => x - y);
    if (a !== undefined && b !== undefined) navigate({ view: 'compare', from: a, to: b });
  };
  const filtered =
    filter !== EMPTY_HISTORY_FILTER &&
    JSON.stringify(filter) !== JSON.stringify(EMPTY_HISTORY_FILTER);

  return (
    <section className="history-view" aria-labelledby="history-title">
      <header className="view-header">
        <h2 id="history-title" className="view-title">
          History
        </h2>
        <span className="muted" data-testid="history-total">
          {list.total === null ? '' : plural(list.total, 'scan')}
        </span>
        <span className="spacer" />
        <span className="muted small">
          {selected.length === 2
            ? `#${Math.min(...selected)} and #${Math.max(...selected)} selected`
            : 'Select two scans to compare them'}
        </span>
        <button
          type="button"
          className="primary"
          disabled={selected.length !== 2}
          onClick={compare}
        >
          Compare
        </button>
      </header>
      <div className="history-filters">
        <div className="filter-field">
          <label htmlFor="history-search">Search</label>
          <input
            id="history-search"
            type="search"
            placeholder="Targets or name"
            value={filter.text}
            onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))}
          />
        </div>
        {/* "All", or only the statuses chosen: a chip is pressed when its scans are chosen. */}
        <div className="state-chips" role="group" aria-label="Statuses shown">
          <button
            type="button"
            className="chip"
            aria-pressed={filter.statuses.length === 0}
            onClick={() => setFilter((f) => ({ ...f, statuses: [] }))}
          >
            all
          </button>
          {SCAN_STATUSES.map((status) => (
            <button
              key={status}
              type="button"
              className="chip"
              aria-pressed={filter.statuses.includes(status)}
              onClick={() => toggleStatus(status)}
            >
              <span className={`dot ${status}`} aria-hidden="true" />
              {status}
            </button>
          ))}
        </div>
        <div className="filter-field">
          <label htmlFor="history-from">From</label>
          <input
            id="history-from"
            type="date"
            value={filter.from}
            onChange={(e) => setFilter((f) => ({ ...f, from: e.target.value }))}
          />
        </div>
        <div className="filter-field">
          <label htmlFor="history-to">To</label>
          <input
            id="history-to"
            type="date"
            value={filter.to}
            onChange={(e) => setFilter((f) => ({ ...f, to: e.target.value }))}
          />
        </div>
        {filtered && (
          <button
            type="button"
            className="link small"
            onClick={() => setFilter(EMPTY_HISTORY_FILTER)}
          >
            Clear filters
          </button>
        )}
      </div>
      {list.error && (
        <p className="form-error" role="alert">
          The history cannot be read: {list.error}
        </p>
      )}
      <div
        ref={scroller}
        className="history-list"
        role="list"
        aria-label="Scans"
        data-testid="history-list"
      >
        {list.total === 0 && (
          <div className="table-empty">
            {filtered ? (
              <p>No scan matches these filters.</p>
            ) : (
              <>
                <p>
                  No scans yet. Scans from this window and from the porthole command line appear
                  here.
                </p>
                <button
                  type="button"
                  className="primary"
                  onClick={() => navigate({ view: 'new-scan' })}
                >
                  Start a scan
                </button>
              </>
            )}
          </div>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const scan = list.items[item.index]!;
            return (
              <HistoryRow
                key={scan.id}
                scan={scan}
                top={item.start}
                selected={selected.includes(scan.id)}
                onToggleSelected={() => toggleSelected(scan.id)}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}
