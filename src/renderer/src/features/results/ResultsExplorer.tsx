import { useMemo, useRef, useState } from 'react';
import { isFinal, type ScanId } from '../../../../shared/domain';
import type { ResultFilterInput } from '../../../../shared/history';
import { formatResultQuery } from '../../../../shared/result-query';
import { useStore } from '../../store';
import { DEFAULT_EXPLORER, type ExplorerView } from '../../store/explorer-slice';
import { useDebounced } from '../../ui/useDebounced';
import { ExportMenu } from '../export/ExportMenu';
import { FilterBar } from './FilterBar';
import { HostPanel } from './HostPanel';
import { HostsView } from './HostsView';
import { PortsView } from './PortsView';
import { QueryBox } from './QueryBox';
import { readQuery } from './query-state';
import { ServicesView } from './ServicesView';

const VIEWS: { view: ExplorerView; label: string }[] = [
  { view: 'ports', label: 'Ports' },
  { view: 'hosts', label: 'By host' },
  { view: 'services', label: 'By service' },
];

/** A scan's results, for a running or finished scan: query, filters, three views, host detail. */
export function ResultsExplorer({ scanId }: { scanId: ScanId }) {
  const explorer = useStore((s) => s.explorers[scanId] ?? DEFAULT_EXPLORER);
  const setExplorer = useStore((s) => s.setExplorer);
  const counts = useStore((s) => s.live[scanId]?.counts);
  const ended = useStore((s) => isFinal(s.live[scanId]?.status));
  const queryInput = useRef<HTMLInputElement>(null);
  const parsed = useMemo(() => readQuery(explorer.query), [explorer.query]);
  // While the query has a mistake the last good filter stays applied (React's "adjust state
  // while rendering": parsed is memoised, so this settles in one extra render).
  const [lastGood, setLastGood] = useState<ResultFilterInput>(parsed.filter ?? { state: 'open' });
  if (parsed.filter && parsed.filter !== lastGood) setLastGood(parsed.filter);
  const shown = parsed.filter ?? lastGood;
  const filter = useDebounced(shown, 250);

  const setFilter = (next: ResultFilterInput) =>
    setExplorer(scanId, { query: formatResultQuery(next) });

  return (
    <div className="explorer">
      <div className="explorer-toolbar">
        <QueryBox
          ref={queryInput}
          value={explorer.query}
          error={parsed.error}
          onChange={(query) => setExplorer(scanId, { query })}
        />
        {/* The view as shown now, not the debounced filter the table is still catching up to. */}
        <ExportMenu scanId={scanId} view={shown} />
        <div className="view-switch" role="radiogroup" aria-label="Group results">
          {VIEWS.map(({ view, label }) => (
            <button
              key={view}
              type="button"
              role="radio"
              aria-checked={explorer.view === view}
              className={explorer.view === view ? 'selected' : ''}
              onClick={() => setExplorer(scanId, { view })}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <FilterBar filter={shown} counts={counts} onChange={setFilter} />
      <div className="explorer-body">
        <div className="explorer-main">
          {explorer.view === 'ports' && (
            <PortsView
              scanId={scanId}
              filter={filter}
              sort={explorer.sort}
              onSort={(sort) => setExplorer(scanId, { sort })}
              empty={
                explorer.query.trim() === 'open' ? (
                  <>
                    <p>No open ports.</p>
                    <button type="button" onClick={() => setExplorer(scanId, { query: '' })}>
                      Show closed and filtered ports too
                    </button>
                  </>
                ) : explorer.query.trim() === '' ? (
                  <p>{ended ? 'This scan has no results.' : 'No results yet.'}</p>
                ) : (
                  <>
                    <p>No port matches the query.</p>
                    <button type="button" onClick={() => setExplorer(scanId, { query: '' })}>
                      Clear the query
                    </button>
                  </>
                )
              }
            />
          )}
          {explorer.view === 'hosts' && <HostsView scanId={scanId} filter={filter} />}
          {explorer.view === 'services' && <ServicesView scanId={scanId} filter={filter} />}
        </div>
        {explorer.host && (
          <HostPanel
            scanId={scanId}
            host={explorer.host}
            filter={filter}
            onClose={() => setExplorer(scanId, { host: null })}
          />
        )}
      </div>
    </div>
  );
}
