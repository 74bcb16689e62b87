import { useEffect, useMemo, type ReactNode } from 'react';
import type { ScanId } from '../../../../shared/domain';
import type { ResultFilterInput, ResultSort } from '../../../../shared/history';
import { portholeApi } from '../../api';
import { useStore } from '../../store';
import { ResultPager } from './result-pager';
import { ResultsTable } from './ResultsTable';
import { useLiveTick } from './useLiveTick';

interface Props {
  scanId: ScanId;
  filter: ResultFilterInput;
  sort: ResultSort;
  onSort(sort: ResultSort): void;
  /** Shown when nothing matches (with a way out, such as showing every state). */
  empty: ReactNode;
}

/** Every matching port, one row each, in any order, paged from the history as it scrolls. */
export function PortsView({ scanId, filter, sort, onSort, empty }: Props) {
  const setExplorer = useStore((s) => s.setExplorer);
  const pager = useMemo(
    () =>
      new ResultPager((offset, limit) =>
        portholeApi().call('getResults', { scanId, filter, sort, page: { offset, limit } }),
      ),
    [scanId, filter, sort],
  );
  const tick = useLiveTick(scanId);
  useEffect(() => {
    if (tick === 0) return;
    // New rows were committed: re-read what is on screen, in the current order.
    pager.refresh();
  }, [tick, pager]);
  return (
    <ResultsTable
      key={`${scanId}`}
      pager={pager}
      sort={sort}
      onSort={onSort}
      empty={empty}
      onOpenHost={(host, hostname) => setExplorer(scanId, { host: { host, hostname } })}
    />
  );
}
